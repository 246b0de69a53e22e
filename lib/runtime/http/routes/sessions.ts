/** Session lifecycle endpoints (docs/protocol.md, "Sessions"). */
import fs from "node:fs";
import { z } from "zod";
import type { SessionDataSent } from "../../../protocol/session";
import { findImage, unknownImageMessage } from "../../images";
import { parseLabelsField, validateLabels } from "../../sessions/labels";
import type { SessionRecord } from "../../store/sessions";
import { imagePath } from "../../sandbox/disk";
import { slotPaths } from "../../sandbox/slots";
import { DISK_QUOTA_BYTES } from "../../tools/session-limits";
import { toolListJson } from "../../tools/registry";
import { badRequest, sessionNotFound } from "../envelope";
import { input, sessionIdField, type Ctx, type Route, type RuntimeDeps } from "../context";

const iso = (ms: number) => new Date(ms).toISOString();

/** The session's page in the dashboard beside this runtime, or "" when there is none. */
const resourceUrl = (deps: RuntimeDeps, id: string) =>
  deps.config.dashboardUrl ? `${deps.config.dashboardUrl}/sessions/${encodeURIComponent(id)}` : "";

/**
 * createSession/getSession `data`, plus the extension fields (docs/protocol.md, "Extensions");
 * strict mode drops those on the way out (http/agb-surface.ts).
 */
export function sessionData(deps: RuntimeDeps, s: SessionRecord, withStatus: boolean): SessionDataSent {
  return {
    sessionId: s.id,
    resourceUrl: resourceUrl(deps, s.id),
    appInstanceId: `app-${s.id}`,
    resourceId: `res-${s.id}`,
    // Empty linkUrl keeps every tool call on POST /mcp (docs/protocol.md, "Create").
    linkUrl: "",
    wsUrl: `ws://127.0.0.1:${deps.url.port}/ws?sessionId=${encodeURIComponent(s.id)}`,
    token: s.token,
    toolList: toolListJson(deps.tools, s.imageId),
    ...(withStatus ? { status: s.status } : {}),
    imageId: s.imageId,
    createTime: iso(s.createdMs),
    lastActivityTime: iso(s.lastActivityMs),
    idleTimeout: s.idleTimeoutS,
    idleReleaseTime: iso(s.expiresMs),
    labels: deps.store.labels(s.seq),
    sandboxed: s.sandboxed,
    // "filesystem": home and /tmp on the session's own disk image, no write path exceeds it;
    // "file-tools": plain folders (not root, AGB_RUNTIME_DISK=dir), only the file tools check it.
    diskQuota: {
      bytes: DISK_QUOTA_BYTES,
      enforcedBy:
        s.slot !== null && fs.existsSync(imagePath(slotPaths(deps.config.runtimeDir, s.slot).root))
          ? "filesystem"
          : "file-tools",
    },
  };
}

/** The caller's live session or the AGB "not found" answer. */
export function ownedSession(ctx: Ctx, id: string): SessionRecord {
  const s = ctx.deps.sessions.find(ctx.owner, id);
  if (!s) throw sessionNotFound(id);
  return s;
}

const createInput = z.object({
  imageId: z.string({ error: "imageId must be a string" }).optional(),
  labels: z.unknown().optional(),
  timeout: z.union([z.number(), z.null()], { error: "timeout must be a number of seconds" }).optional(),
});

const bySession = z.object({ sessionId: sessionIdField });

export const sessionRoutes: Route[] = [
  {
    method: "POST",
    path: "/mcp/createSession",
    auth: true,
    async handle(ctx) {
      const p = input(ctx, createInput);
      const imageId = (p.imageId ?? "").trim();
      if (!imageId) throw badRequest("imageId is required (query parameter imageId)");
      if (!findImage(imageId)) throw badRequest(unknownImageMessage(imageId), "InvalidParameter.ImageId");
      const labels = validateLabels(parseLabelsField(p.labels, "labels"), "labels");
      const lim = ctx.deps.sessions.idleLimits;
      let timeoutS = lim.default;
      if (p.timeout !== undefined && p.timeout !== null && p.timeout !== 0) {
        if (!Number.isFinite(p.timeout) || p.timeout < lim.min || p.timeout > lim.max)
          throw badRequest(
            `timeout must be between ${lim.min} and ${lim.max} seconds (0 or absent: ${lim.default}); got ${p.timeout}`,
          );
        timeoutS = Math.ceil(p.timeout);
      }
      const s = await ctx.deps.sessions.create(ctx.owner, imageId, labels, timeoutS);
      return { data: sessionData(ctx.deps, s, false) };
    },
  },
  {
    method: "POST",
    path: "/mcp/getSession",
    auth: true,
    handle(ctx) {
      const s = ownedSession(ctx, input(ctx, bySession).sessionId);
      return { data: sessionData(ctx.deps, s, true) };
    },
  },
  {
    method: "POST",
    path: "/mcp/getSessionInfo",
    auth: true,
    handle(ctx) {
      const s = ownedSession(ctx, input(ctx, bySession).sessionId);
      return { data: { sessionId: s.id, status: s.status } };
    },
  },
  {
    method: "POST",
    path: "/mcp/getMcpResource",
    auth: true,
    handle(ctx) {
      const s = ownedSession(ctx, input(ctx, bySession).sessionId);
      // What the SDK's session.info() shows: the dashboard page of the session, and the ids a cloud
      // desktop would carry (no remote desktop here, so no auth code, ticket or connection).
      return {
        data: {
          sessionId: s.id,
          resourceUrl: resourceUrl(ctx.deps, s.id),
          desktopInfo: { appId: s.imageId, resourceId: `res-${s.id}`, resourceType: "sandbox" },
        },
      };
    },
  },
  ...["/mcp/releaseSessionAsync", "/mcp/releaseSession"].map((path): Route => ({
    method: "POST",
    path,
    auth: true,
    handle(ctx) {
      const s = ownedSession(ctx, input(ctx, bySession).sessionId);
      // The row is gone at once; the sandbox teardown finishes in the background.
      void ctx.deps.sessions.release(s, "manual");
      return { data: {} };
    },
  })),
  {
    method: "POST",
    path: "/mcp/refreshSessionIdleTime",
    auth: true,
    handle(ctx) {
      const s = ownedSession(ctx, input(ctx, bySession).sessionId);
      ctx.deps.sessions.touch(s);
      const now = Date.now();
      return { data: { sessionId: s.id, idleReleaseTime: iso(now + s.idleTimeoutS * 1000) } };
    },
  },
];
