import { endpoints } from "@/lib/api/endpoints";
import { route } from "@/lib/server/route";
import { changeOwnPassword } from "@/lib/server/users/account";

export const POST = route(endpoints.changePassword, ({ req, user, body }) => changeOwnPassword(req, user!, body));
