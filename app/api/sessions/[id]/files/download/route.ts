import { endpoints } from "@/lib/api/endpoints";
import { getAgb } from "@/lib/server/agb";
import { downloadFile } from "@/lib/server/console/files";
import { route } from "@/lib/server/route";

export const GET = route(endpoints.download, ({ id, query }) => downloadFile(getAgb(), id, query.path));
