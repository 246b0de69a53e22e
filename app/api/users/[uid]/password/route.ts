import { endpoints } from "@/lib/api/endpoints";
import { route } from "@/lib/server/route";
import { parseUserId, resetPassword } from "@/lib/server/users/manage";

// The generated password is in the answer only: shown once to the admin, never audited.
export const POST = route(endpoints.resetPassword, ({ params, user, audit }) =>
  resetPassword(user!, parseUserId(params.uid), audit),
);
