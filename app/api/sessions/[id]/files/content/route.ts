import { endpoints } from "@/lib/api/endpoints";
import { getAgb } from "@/lib/server/agb";
import { readFile, writeFile } from "@/lib/server/console/files";
import { route } from "@/lib/server/route";

export const GET = route(endpoints.readFile, ({ id, query }) => readFile(getAgb(), id, query));
export const PUT = route(endpoints.writeFile, ({ id, body }) => writeFile(getAgb(), id, body));
