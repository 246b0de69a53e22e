import { terminalSizeBody } from "@/lib/api/schemas/terminal";
import { getAgb } from "@/lib/server/agb";
import { route } from "@/lib/server/route";
import { listTerminals, openTerminal } from "@/lib/server/terminal/hub";

export const GET = route("terminal.list", {}, ({ id }) => listTerminals(getAgb(), id));
export const POST = route("terminal.open", { body: terminalSizeBody }, ({ id, body }) => openTerminal(getAgb(), id, body));
