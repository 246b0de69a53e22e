import { endpoints } from "@/lib/api/endpoints";
import { route } from "@/lib/server/route";
import { acceptInvite } from "@/lib/server/users/accept-invite";

export const POST = route(endpoints.acceptInvite, ({ req, body }) => acceptInvite(req, body));
