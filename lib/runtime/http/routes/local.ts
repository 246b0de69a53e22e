/** Non-AGB extensions (docs/protocol.md, "Extensions"): health and the image catalogue. */
import { IMAGES } from "../../images";
import type { Route } from "../context";

export const localRoutes: Route[] = [
  {
    method: "GET",
    path: "/health",
    auth: false,
    handle: (ctx) => ({ raw: { ok: true, requestId: ctx.requestId, sandboxed: !ctx.deps.config.unsandboxed } }),
  },
  {
    method: "GET",
    path: "/local/images",
    auth: true,
    handle: (ctx) => ({ data: { images: IMAGES, idleTimeout: ctx.deps.sessions.idleLimits } }),
  },
];
