import { endpoints } from "@/lib/api/endpoints";
import { route } from "@/lib/server/route";
import { createInvite, listPendingInvites } from "@/lib/server/users/invites";

export const GET = route(endpoints.listInvites, () => listPendingInvites());

// The token is in the answer only: shown once to the admin, never audited.
export const POST = route(endpoints.inviteUser, async ({ body, user, audit }) => {
  Object.assign(audit, { target: body.username, role: body.role });
  const { token, ...invite } = await createInvite(body.username, body.role, user!.userId);
  return { ...invite, path: `/invite/${token}` };
});
