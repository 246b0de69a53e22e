import { endpoints } from "@/lib/api/endpoints";
import { startOidcLogin } from "@/lib/server/auth/oidc/start";
import { route } from "@/lib/server/route";

export const GET = route(endpoints.oidcLogin, ({ req, query }) => startOidcLogin(req, query.next));
