import { bulkLabelsBody } from "@/lib/api/schemas/labels";
import { getAgb } from "@/lib/server/agb";
import { bulkPatchLabels } from "@/lib/server/labels/ops";
import { route } from "@/lib/server/route";

export const POST = route("labels.bulk", { body: bulkLabelsBody }, ({ body }) => bulkPatchLabels(getAgb(), body));
