import { endpoints } from "@/lib/api/endpoints";
import { getAgb } from "@/lib/server/agb";
import { runCode } from "@/lib/server/console/code";
import { route } from "@/lib/server/route";

export const POST = route(endpoints.runCode, ({ id, body, req }) => runCode(getAgb(), id, body, req.signal));
