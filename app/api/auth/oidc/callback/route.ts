import { endpoints } from "@/lib/api/endpoints";
import { finishOidcLogin } from "@/lib/server/auth/oidc/callback";
import { route } from "@/lib/server/route";

export const GET = route(endpoints.oidcCallback, ({ req }) => finishOidcLogin(req));
