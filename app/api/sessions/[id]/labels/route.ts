import { endpoints } from "@/lib/api/endpoints";
import { getAgb } from "@/lib/server/agb";
import { replaceLabels } from "@/lib/server/labels/ops";
import { route } from "@/lib/server/route";

export const GET = route(endpoints.labels, ({ id }) => getAgb().getLabels(id));
export const PUT = route(endpoints.replaceLabels, ({ id, body }) => replaceLabels(getAgb(), id, body.labels));
