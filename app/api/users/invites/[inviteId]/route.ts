import { endpoints } from "@/lib/api/endpoints";
import { route } from "@/lib/server/route";
import { revokeInvite } from "@/lib/server/users/invites";

export const DELETE = route(endpoints.revokeInvite, async ({ params, audit }) => {
  const { username, role } = await revokeInvite(params.inviteId);
  Object.assign(audit, { target: username, role });
  return { username, role };
});
