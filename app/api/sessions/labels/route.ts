import { getAgb } from "@/lib/server/agb";
import { sessionLabels, sessionIdsFrom } from "@/lib/server/labels/many";
import { route } from "@/lib/server/route";

export const GET = route("sessions.labels", {}, ({ req }) => sessionLabels(getAgb(), sessionIdsFrom(req)));
