import { searchFilesQuery } from "@/lib/api/schemas/console";
import { getAgb } from "@/lib/server/agb";
import { route } from "@/lib/server/route";

export const GET = route("files.search", { query: searchFilesQuery }, ({ id, query }) => getAgb().searchFiles(id, query.path, query.pattern));
