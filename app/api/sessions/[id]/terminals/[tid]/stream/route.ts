import { endpoints } from "@/lib/api/endpoints";
import { getAgb } from "@/lib/server/agb";
import { route } from "@/lib/server/route";
import { streamTerminal } from "@/lib/server/terminal/hub";

export const GET = route(endpoints.terminalStream, ({ id, params, req }) =>
  streamTerminal(getAgb(), id, params.tid, req.signal),
);
