import "server-only";
// POST /api/invites/accept: the invited person chooses a password; the user is created and logged
// in, like a login (a server-side login and its cookie). Public, so audited here, not by the wrapper.
import { NextResponse, type NextRequest } from "next/server";
import { recordAudit } from "../audit/record";
import { requestClient } from "../auth/client-address";
import { createLogin } from "../auth/login-sessions";
import { hashPassword } from "../auth/password-hash";
import { setSessionCookie } from "../auth/session";
import { loadConfig } from "../config";
import { HttpError } from "../errors";
import { findInvite, redeemInvite } from "./invites";

export async function acceptInvite(req: NextRequest, body: { token: string; password: string }): Promise<NextResponse> {
  const client = requestClient(req.headers, loadConfig().trustedProxies);
  // Checked before hashing: an unknown token costs a lookup, not a scrypt run.
  const invite = await findInvite(body.token);
  if (!invite)
    throw new HttpError(
      404,
      "invite_invalid",
      "This invite link is unknown, used or expired: ask an admin for a new one.",
    );
  const audit = (result: string, status: number, userId: number | null, detail: Record<string, unknown>) =>
    recordAudit({
      action: "user.accept_invite",
      userId,
      username: invite.username,
      ip: client.ip,
      result,
      status,
      detail,
    });
  let created;
  try {
    created = await redeemInvite(body.token, await hashPassword(body.password));
  } catch (e) {
    if (e instanceof HttpError) await audit(e.code, e.status, null, { target: invite.username, role: invite.role });
    throw e;
  }
  const { user, invitedBy } = created;
  const { token, expiresAt } = await createLogin(user.id, client);
  await audit("ok", 204, user.id, { target: user.username, role: user.role, invitedBy });
  const res = new NextResponse(null, { status: 204, headers: { "cache-control": "no-store" } });
  setSessionCookie(req, res, token, expiresAt);
  return res;
}
