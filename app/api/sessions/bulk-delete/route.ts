import { bulkDeleteBody } from "@/lib/api/schemas/sessions";
import { getAgb } from "@/lib/server/agb";
import { route } from "@/lib/server/route";
import { bulkDelete } from "@/lib/server/sessions/ops";

export const POST = route("sessions.bulkDelete", { body: bulkDeleteBody }, ({ body }) => bulkDelete(getAgb(), body.sessionIds));
