import { metricsHistoryQuery } from "@/lib/api/schemas/terminal";
import { getAgb } from "@/lib/server/agb";
import { metricsHistory } from "@/lib/server/console/metrics";
import { route } from "@/lib/server/route";

export const GET = route("console.metricsHistory", { query: metricsHistoryQuery }, ({ id, query }) => metricsHistory(getAgb(), id, query.sinceMs));
