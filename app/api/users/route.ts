import { endpoints } from "@/lib/api/endpoints";
import { route } from "@/lib/server/route";
import { usersForAdmin } from "@/lib/server/users/manage";

export const GET = route(endpoints.listUsers, () => usersForAdmin());
