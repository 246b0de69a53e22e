import { endpoints } from "@/lib/api/endpoints";
import { getAgb } from "@/lib/server/agb";
import { interruptCode } from "@/lib/server/console/code";
import { route } from "@/lib/server/route";

export const POST = route(endpoints.interruptCode, ({ id, body }) => interruptCode(getAgb(), id, body.language));
