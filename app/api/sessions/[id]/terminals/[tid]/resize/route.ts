import { endpoints } from "@/lib/api/endpoints";
import { getAgb } from "@/lib/server/agb";
import { route } from "@/lib/server/route";
import { resizeTerminal } from "@/lib/server/terminal/hub";

export const POST = route(endpoints.resizeTerminal, async ({ id, params, body }) => {
  await resizeTerminal(getAgb(), id, params.tid, body);
  return new Response(null, { status: 204 });
});
