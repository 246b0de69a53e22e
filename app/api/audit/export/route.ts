import { endpoints } from "@/lib/api/endpoints";
import { exportResponse } from "@/lib/server/audit/export";
import { auditFilterFrom } from "@/lib/server/audit/query";
import { route } from "@/lib/server/route";

export const GET = route(endpoints.auditExport, async ({ query }) =>
  exportResponse(auditFilterFrom(query), query.format),
);
