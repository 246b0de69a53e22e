import { endpoints } from "@/lib/api/endpoints";
import { getAgb } from "@/lib/server/agb";
import { consoleCapabilities } from "@/lib/server/console/capabilities";
import { route } from "@/lib/server/route";

export const GET = route(endpoints.consoleCapabilities, ({ id }) => consoleCapabilities(getAgb(), id));
