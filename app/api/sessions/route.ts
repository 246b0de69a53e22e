import { NextResponse } from "next/server";
import { createSessionBody, listSessionsQuery } from "@/lib/api/schemas/sessions";
import { getAgb } from "@/lib/server/agb";
import { invalidateKnownLabels } from "@/lib/server/labels/known";
import { route } from "@/lib/server/route";
import { labelFilterFrom } from "@/lib/server/sessions/label-filter";
import { listSessions } from "@/lib/server/sessions/list";
import { createSession } from "@/lib/server/sessions/ops";

export const GET = route("sessions.list", { query: listSessionsQuery }, ({ req, query }) =>
  listSessions(getAgb(), { labels: labelFilterFrom(req), page: query.page, size: query.size, cursor: query.cursor }),
);

export const POST = route("sessions.create", { body: createSessionBody }, async ({ body }) => {
  const detail = await createSession(getAgb(), body);
  invalidateKnownLabels();
  return NextResponse.json(detail, { status: 201, headers: { "cache-control": "no-store" } });
});
