import { pathQuery } from "@/lib/api/schemas/console";
import { getAgb } from "@/lib/server/agb";
import { downloadFile } from "@/lib/server/console/files";
import { route } from "@/lib/server/route";

export const GET = route("files.download", { query: pathQuery }, ({ id, query }) => downloadFile(getAgb(), id, query.path));
