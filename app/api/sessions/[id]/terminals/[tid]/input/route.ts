import { endpoints } from "@/lib/api/endpoints";
import { getAgb } from "@/lib/server/agb";
import { route } from "@/lib/server/route";
import { terminalInput } from "@/lib/server/terminal/hub";

export const POST = route(endpoints.terminalInput, async ({ id, params, body }) => {
  await terminalInput(getAgb(), id, params.tid, body.data);
  return new Response(null, { status: 204 });
});
