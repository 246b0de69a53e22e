import { getAgb } from "@/lib/server/agb";
import { listImages } from "@/lib/server/images";
import { route } from "@/lib/server/route";

export const GET = route("images.list", {}, () => listImages(getAgb()));
