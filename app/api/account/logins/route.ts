import { endpoints } from "@/lib/api/endpoints";
import { route } from "@/lib/server/route";
import { myLogins } from "@/lib/server/users/account";

export const GET = route(endpoints.myLogins, ({ user }) => myLogins(user!));
