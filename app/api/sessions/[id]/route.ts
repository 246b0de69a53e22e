import { endpoints } from "@/lib/api/endpoints";
import { getAgb } from "@/lib/server/agb";
import { route } from "@/lib/server/route";
import { getSessionDetail } from "@/lib/server/sessions/detail";
import { deleteSession } from "@/lib/server/sessions/ops";

export const GET = route(endpoints.session, ({ id }) => getSessionDetail(getAgb(), id));
export const DELETE = route(endpoints.deleteSession, ({ id }) => deleteSession(getAgb(), id));
