import { endpoints } from "@/lib/api/endpoints";
import { getAgb } from "@/lib/server/agb";
import { route } from "@/lib/server/route";

export const POST = route(endpoints.makeDirectory, ({ id, body }) => getAgb().createDirectory(id, body.path));
