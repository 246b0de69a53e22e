import { moveFileBody } from "@/lib/api/schemas/console";
import { getAgb } from "@/lib/server/agb";
import { route } from "@/lib/server/route";

export const POST = route("files.move", { body: moveFileBody }, ({ id, body }) => getAgb().moveFile(id, body.source, body.destination));
