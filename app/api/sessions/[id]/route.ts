import { getAgb } from "@/lib/server/agb";
import { route } from "@/lib/server/route";
import { getSessionDetail } from "@/lib/server/sessions/detail";
import { deleteSession } from "@/lib/server/sessions/ops";

export const GET = route("sessions.get", {}, ({ id }) => getSessionDetail(getAgb(), id));
export const DELETE = route("sessions.delete", {}, ({ id }) => deleteSession(getAgb(), id));
