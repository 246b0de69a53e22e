import { getAgb } from "@/lib/server/agb";
import { route } from "@/lib/server/route";
import { streamTerminal } from "@/lib/server/terminal/hub";

export const GET = route("terminal.stream", {}, ({ id, params, req }) => streamTerminal(getAgb(), id, params.tid, req.signal));
