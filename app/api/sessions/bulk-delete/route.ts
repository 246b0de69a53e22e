import { endpoints } from "@/lib/api/endpoints";
import { getAgb } from "@/lib/server/agb";
import { route } from "@/lib/server/route";
import { bulkDelete } from "@/lib/server/sessions/ops";

export const POST = route(endpoints.bulkDelete, ({ body }) => bulkDelete(getAgb(), body.sessionIds));
