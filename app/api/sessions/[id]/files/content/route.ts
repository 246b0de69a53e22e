import { readFileQuery, writeFileBody } from "@/lib/api/schemas/console";
import { getAgb } from "@/lib/server/agb";
import { readFile, writeFile } from "@/lib/server/console/files";
import { route } from "@/lib/server/route";

export const GET = route("files.read", { query: readFileQuery }, ({ id, query }) => readFile(getAgb(), id, query));
export const PUT = route("files.write", { body: writeFileBody }, ({ id, body }) => writeFile(getAgb(), id, body));
