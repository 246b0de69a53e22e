import { runCodeBody } from "@/lib/api/schemas/console";
import { getAgb } from "@/lib/server/agb";
import { runCode } from "@/lib/server/console/code";
import { route } from "@/lib/server/route";

export const POST = route("console.code", { body: runCodeBody }, ({ id, body, req }) => runCode(getAgb(), id, body, req.signal));
