import { endpoints } from "@/lib/api/endpoints";
import { loadConfig } from "@/lib/server/config";
import { route } from "@/lib/server/route";

export const GET = route(endpoints.health, async () => ({ ok: true, backend: loadConfig().backend }));
