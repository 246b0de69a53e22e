import { endpoints } from "@/lib/api/endpoints";
import { getAgb } from "@/lib/server/agb";
import { bulkPatchLabels } from "@/lib/server/labels/ops";
import { route } from "@/lib/server/route";

export const POST = route(endpoints.bulkLabels, ({ body }) => bulkPatchLabels(getAgb(), body));
