import { endpoints } from "@/lib/api/endpoints";
import { getAgb } from "@/lib/server/agb";
import { route } from "@/lib/server/route";
import { keepAlive } from "@/lib/server/sessions/ops";

export const POST = route(endpoints.keepAlive, ({ id }) => keepAlive(getAgb(), id));
