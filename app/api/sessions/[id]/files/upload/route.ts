import { endpoints } from "@/lib/api/endpoints";
import { getAgb } from "@/lib/server/agb";
import { uploadFiles } from "@/lib/server/console/files";
import { readUploadedFiles } from "@/lib/server/console/multipart";
import { route } from "@/lib/server/route";

export const POST = route(endpoints.upload, async ({ id, query, req }) =>
  uploadFiles(getAgb(), id, query.dir, await readUploadedFiles(req)),
);
