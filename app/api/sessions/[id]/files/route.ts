import { endpoints } from "@/lib/api/endpoints";
import { getAgb } from "@/lib/server/agb";
import { deletePath, listDir } from "@/lib/server/console/files";
import { route } from "@/lib/server/route";

export const GET = route(endpoints.listDir, ({ id, query }) => listDir(getAgb(), id, query.path));
export const DELETE = route(endpoints.deletePath, ({ id, query }) =>
  deletePath(getAgb(), id, query.path, query.recursive === "1"),
);
