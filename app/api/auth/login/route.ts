import { endpoints } from "@/lib/api/endpoints";
import { login } from "@/lib/server/auth/login";
import { route } from "@/lib/server/route";

export const POST = route(endpoints.login, ({ req, body }) => login(req, body));
