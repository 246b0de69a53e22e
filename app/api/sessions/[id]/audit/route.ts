import { endpoints } from "@/lib/api/endpoints";
import { listAudit } from "@/lib/server/audit/query";
import { route } from "@/lib/server/route";

export const GET = route(endpoints.sessionAudit, ({ id, query }) => listAudit({ sessionId: id }, query));
