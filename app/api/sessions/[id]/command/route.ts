import { runCommandBody } from "@/lib/api/schemas/console";
import { getAgb } from "@/lib/server/agb";
import { runCommand } from "@/lib/server/console/code";
import { route } from "@/lib/server/route";

export const POST = route("console.command", { body: runCommandBody }, ({ id, body }) => runCommand(getAgb(), id, body));
