import { loginBody } from "@/lib/api/schemas/errors";
import { login } from "@/lib/server/auth/login";
import { route } from "@/lib/server/route";

export const POST = route("auth.login", { auth: false, body: loginBody, maxBodyBytes: 8 * 1024 }, ({ req, body }) => login(req, body.password));
