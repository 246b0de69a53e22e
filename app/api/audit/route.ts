import { endpoints } from "@/lib/api/endpoints";
import { auditFilterFrom, listAudit } from "@/lib/server/audit/query";
import { route } from "@/lib/server/route";

export const GET = route(endpoints.auditLog, ({ query }) => listAudit(auditFilterFrom(query), query));
