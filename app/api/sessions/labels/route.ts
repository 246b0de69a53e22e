import { endpoints } from "@/lib/api/endpoints";
import { getAgb } from "@/lib/server/agb";
import { sessionIds, sessionLabels } from "@/lib/server/labels/many";
import { route } from "@/lib/server/route";

export const GET = route(endpoints.sessionLabels, ({ query }) => sessionLabels(getAgb(), sessionIds(query.id)));
