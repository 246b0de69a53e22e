import { endpoints } from "@/lib/api/endpoints";
import { getAgb } from "@/lib/server/agb";
import { route } from "@/lib/server/route";
import { labelFilter } from "@/lib/server/sessions/label-filter";
import { listSessionIds } from "@/lib/server/sessions/list";

export const GET = route(endpoints.sessionIds, ({ query }) => listSessionIds(getAgb(), labelFilter(query.label)));
