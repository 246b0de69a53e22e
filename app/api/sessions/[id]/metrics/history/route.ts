import { endpoints } from "@/lib/api/endpoints";
import { getAgb } from "@/lib/server/agb";
import { metricsHistory } from "@/lib/server/console/metrics";
import { route } from "@/lib/server/route";

export const GET = route(endpoints.metricsHistory, ({ id, query }) => metricsHistory(getAgb(), id, query.sinceMs));
