import { getAgb } from "@/lib/server/agb";
import { consoleCapabilities } from "@/lib/server/console/capabilities";
import { route } from "@/lib/server/route";

export const GET = route("console.capabilities", {}, ({ id }) => consoleCapabilities(getAgb(), id));
