import { loadConfig } from "@/lib/server/config";
import { route } from "@/lib/server/route";

export const GET = route("health", { auth: false }, async () => ({ ok: true, backend: loadConfig().backend }));
