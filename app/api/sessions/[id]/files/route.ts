import { deletePathQuery, pathQuery } from "@/lib/api/schemas/console";
import { getAgb } from "@/lib/server/agb";
import { deletePath, listDir } from "@/lib/server/console/files";
import { route } from "@/lib/server/route";

export const GET = route("files.list", { query: pathQuery }, ({ id, query }) => listDir(getAgb(), id, query.path));
export const DELETE = route("files.delete", { query: deletePathQuery }, ({ id, query }) => deletePath(getAgb(), id, query.path, query.recursive === "1"));
