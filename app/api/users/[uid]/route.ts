import { endpoints } from "@/lib/api/endpoints";
import { route } from "@/lib/server/route";
import { changeUser, parseUserId } from "@/lib/server/users/manage";

export const PUT = route(endpoints.updateUser, ({ params, body, user, audit }) =>
  changeUser(user!, parseUserId(params.uid), body, audit),
);
