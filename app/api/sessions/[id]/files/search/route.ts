import { endpoints } from "@/lib/api/endpoints";
import { getAgb } from "@/lib/server/agb";
import { route } from "@/lib/server/route";

export const GET = route(endpoints.search, ({ id, query }) => getAgb().searchFiles(id, query.path, query.pattern));
