import { getAgb } from "@/lib/server/agb";
import { route } from "@/lib/server/route";
import { labelFilterFrom } from "@/lib/server/sessions/label-filter";
import { listSessionIds } from "@/lib/server/sessions/list";

export const GET = route("sessions.ids", {}, ({ req }) => listSessionIds(getAgb(), labelFilterFrom(req)));
