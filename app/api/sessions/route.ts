import { endpoints } from "@/lib/api/endpoints";
import { getAgb } from "@/lib/server/agb";
import { invalidateKnownLabels } from "@/lib/server/labels/known";
import { route } from "@/lib/server/route";
import { labelFilter } from "@/lib/server/sessions/label-filter";
import { listSessions } from "@/lib/server/sessions/list";
import { createSession } from "@/lib/server/sessions/ops";

export const GET = route(endpoints.listSessions, ({ query }) =>
  listSessions(getAgb(), {
    labels: labelFilter(query.label),
    page: query.page,
    size: query.size,
    cursor: query.cursor,
    walk: query.walk === "1",
  }),
);

export const POST = route(endpoints.createSession, async ({ body }) => {
  const detail = await createSession(getAgb(), body);
  invalidateKnownLabels();
  return detail;
});
