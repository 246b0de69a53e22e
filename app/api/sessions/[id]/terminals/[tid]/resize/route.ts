import { terminalSizeBody } from "@/lib/api/schemas/terminal";
import { getAgb } from "@/lib/server/agb";
import { route } from "@/lib/server/route";
import { resizeTerminal } from "@/lib/server/terminal/hub";

export const POST = route("terminal.resize", { body: terminalSizeBody }, async ({ id, params, body }) => {
  await resizeTerminal(getAgb(), id, params.tid, body);
  return new Response(null, { status: 204 });
});
