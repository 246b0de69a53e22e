import { pathQuery } from "@/lib/api/schemas/console";
import { getAgb } from "@/lib/server/agb";
import { route } from "@/lib/server/route";

export const POST = route("files.mkdir", { body: pathQuery }, ({ id, body }) => getAgb().createDirectory(id, body.path));
