import { endpoints } from "@/lib/api/endpoints";
import { getAgb } from "@/lib/server/agb";
import { runCommand } from "@/lib/server/console/code";
import { route } from "@/lib/server/route";

export const POST = route(endpoints.runCommand, ({ id, body }) => runCommand(getAgb(), id, body));
