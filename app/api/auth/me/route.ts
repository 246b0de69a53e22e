import { endpoints } from "@/lib/api/endpoints";
import { route } from "@/lib/server/route";

export const GET = route(endpoints.me, async ({ user }) => ({ username: user!.username, role: user!.role }));
