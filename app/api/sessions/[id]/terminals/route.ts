import { endpoints } from "@/lib/api/endpoints";
import { getAgb } from "@/lib/server/agb";
import { route } from "@/lib/server/route";
import { listTerminals, openTerminal } from "@/lib/server/terminal/hub";

export const GET = route(endpoints.terminals, ({ id }) => listTerminals(getAgb(), id));
export const POST = route(endpoints.openTerminal, ({ id, body }) => openTerminal(getAgb(), id, body));
