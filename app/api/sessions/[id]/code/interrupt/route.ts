import { interruptCodeBody } from "@/lib/api/schemas/console";
import { getAgb } from "@/lib/server/agb";
import { interruptCode } from "@/lib/server/console/code";
import { route } from "@/lib/server/route";

export const POST = route("console.interrupt", { body: interruptCodeBody }, ({ id, body }) => interruptCode(getAgb(), id, body.language));
