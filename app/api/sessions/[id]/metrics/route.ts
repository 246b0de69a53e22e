import { endpoints } from "@/lib/api/endpoints";
import { getAgb } from "@/lib/server/agb";
import { sessionMetrics } from "@/lib/server/console/metrics";
import { route } from "@/lib/server/route";

export const GET = route(endpoints.metrics, ({ id }) => sessionMetrics(getAgb(), id));
