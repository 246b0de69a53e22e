import { endpoints } from "@/lib/api/endpoints";
import { getAgb } from "@/lib/server/agb";
import { route } from "@/lib/server/route";

// Is the backend reachable? The browser polls this while it shows "backend unavailable".
export const GET = route(endpoints.backendHealth, async () => {
  await getAgb().listSessionsPage({ maxResults: 1 });
  return { ok: true };
});
