import { endpoints } from "@/lib/api/endpoints";
import { getAgb } from "@/lib/server/agb";
import { listImages } from "@/lib/server/images";
import { route } from "@/lib/server/route";

export const GET = route(endpoints.images, () => listImages(getAgb()));
