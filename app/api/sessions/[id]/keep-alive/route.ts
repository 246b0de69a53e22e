import { getAgb } from "@/lib/server/agb";
import { route } from "@/lib/server/route";
import { keepAlive } from "@/lib/server/sessions/ops";

export const POST = route("sessions.keepAlive", {}, ({ id }) => keepAlive(getAgb(), id));
