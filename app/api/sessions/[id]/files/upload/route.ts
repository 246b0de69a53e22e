import { endpoints } from "@/lib/api/endpoints";
import { getAgb } from "@/lib/server/agb";
import { uploadFiles } from "@/lib/server/console/files";
import { readUploadedFiles } from "@/lib/server/console/multipart";
import { route } from "@/lib/server/route";

export const POST = route(endpoints.upload, async ({ id, query, req, audit }) => {
  const files = await readUploadedFiles(req);
  // The audit record names each file and its size (never its content), refused uploads included.
  audit.files = files.map((f) => ({ name: f.name.slice(0, 256), bytes: f.size }));
  return uploadFiles(getAgb(), id, query.dir, files);
});
