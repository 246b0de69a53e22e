import { endpoints } from "@/lib/api/endpoints";
import { getAgb } from "@/lib/server/agb";
import { route } from "@/lib/server/route";
import { closeTerminal } from "@/lib/server/terminal/hub";

export const DELETE = route(endpoints.closeTerminal, async ({ id, params }) => {
  await closeTerminal(getAgb(), id, params.tid);
  return new Response(null, { status: 204 });
});
