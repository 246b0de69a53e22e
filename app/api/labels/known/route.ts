import { endpoints } from "@/lib/api/endpoints";
import { getAgb } from "@/lib/server/agb";
import { knownLabels } from "@/lib/server/labels/known";
import { route } from "@/lib/server/route";

export const GET = route(endpoints.knownLabels, () => knownLabels(getAgb()));
