import { endpoints } from "@/lib/api/endpoints";
import { getAgb } from "@/lib/server/agb";
import { route } from "@/lib/server/route";

export const GET = route(endpoints.sessionInfo, async ({ id }) => {
  const r = await getAgb().getSessionResource(id);
  return { data: r.data, requestId: r.requestId };
});
