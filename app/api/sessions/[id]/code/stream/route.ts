import { runCodeBody } from "@/lib/api/schemas/console";
import { getAgb } from "@/lib/server/agb";
import { streamCode } from "@/lib/server/console/stream";
import { route } from "@/lib/server/route";

export const POST = route("console.codeStream", { body: runCodeBody }, ({ id, body, req }) => streamCode(getAgb(), id, body, req.signal));
