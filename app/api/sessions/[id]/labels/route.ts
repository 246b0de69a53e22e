import { replaceLabelsBody } from "@/lib/api/schemas/labels";
import { getAgb } from "@/lib/server/agb";
import { replaceLabels } from "@/lib/server/labels/ops";
import { route } from "@/lib/server/route";

export const GET = route("labels.get", {}, ({ id }) => getAgb().getLabels(id));
export const PUT = route("labels.replace", { body: replaceLabelsBody }, ({ id, body }) => replaceLabels(getAgb(), id, body.labels));
