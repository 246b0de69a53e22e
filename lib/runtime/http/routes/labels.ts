/** ListSession, SetLabel and GetLabel (docs/protocol.md, "Session listing" and "Labels"). */
import { z } from "zod";
import { LABEL_LIMITS } from "../../../protocol/labels";
import type { ListItemSent } from "../../../protocol/session";
import { parseLabelsField, validateLabels } from "../../sessions/labels";
import { badRequest } from "../envelope";
import { input, sessionIdField, type Route } from "../context";
import { ownedSession } from "./sessions";

export const LIST_MAX_RESULTS = 100;

/** Opaque cursor: base64url of "c1:<seq>" (the last seq of the page, exclusive bound for the next). */
export const encodeCursor = (seq: number) => Buffer.from(`c1:${seq}`).toString("base64url");

export function decodeCursor(token: string): number {
  const m = /^c1:(\d{1,15})$/.exec(Buffer.from(token, "base64url").toString("utf8"));
  if (!m)
    throw badRequest("nextToken is not a token this server issued; pass the nextToken of the previous page unchanged");
  return Number(m[1]);
}

const listInput = z.object({
  maxResults: z.string().optional(),
  nextToken: z.string().optional(),
  labels: z.string({ error: "labels must be a JSON object encoded as a string" }).optional(),
});

export const labelRoutes: Route[] = [
  {
    method: "GET",
    path: "/sdk/ListSession",
    auth: true,
    handle(ctx) {
      const p = input(ctx, listInput);
      let maxResults = 10;
      if (p.maxResults !== undefined && p.maxResults !== "") {
        const n = /^\d{1,6}$/.test(p.maxResults.trim()) ? Number(p.maxResults) : NaN;
        if (!(n >= 1 && n <= LIST_MAX_RESULTS))
          throw badRequest(`maxResults must be a whole number from 1 to ${LIST_MAX_RESULTS}; got "${p.maxResults}"`);
        maxResults = n;
      }
      const before = p.nextToken ? decodeCursor(p.nextToken) : null;
      const raw = parseLabelsField(p.labels, "labels");
      const n = Object.keys(raw).length;
      // No session carries more labels, and SQLite joins at most 64 tables: refuse, don't fail.
      if (n > LABEL_LIMITS.perSession)
        throw badRequest(
          `labels: a filter has at most ${LABEL_LIMITS.perSession} labels (a session's limit), got ${n}`,
        );
      for (const [k, v] of Object.entries(raw))
        if (typeof v !== "string") throw badRequest(`labels: filter value of "${k}" must be a string`);
      const filter = raw as Record<string, string>;
      const page = ctx.deps.store.list(ctx.owner, filter, before, maxResults);
      return {
        // Beyond {sessionId, sessionStatus} (all the SDK reads), each item carries the row fields a
        // dashboard needs, so a page of 50 costs one call instead of 51 (docs/protocol.md, "Extensions").
        data: page.items.map((s): ListItemSent => ({
          sessionId: s.id,
          sessionStatus: s.status,
          imageId: s.imageId,
          createTime: new Date(s.createdMs).toISOString(),
          idleTimeout: s.idleTimeoutS,
          idleReleaseTime: new Date(s.expiresMs).toISOString(),
          labels: ctx.deps.store.labels(s.seq),
        })),
        extra: {
          ...(page.nextSeq !== null ? { nextToken: encodeCursor(page.nextSeq) } : {}),
          maxResults,
          count: page.count,
        },
      };
    },
  },
  {
    method: "POST",
    path: "/sdk/SetLabel",
    auth: true,
    handle(ctx) {
      const p = input(ctx, z.object({ sessionId: sessionIdField, Labels: z.unknown() }));
      if (p.Labels === undefined || p.Labels === "")
        throw badRequest('Labels is required (query parameter Labels, a JSON object string such as {"env":"test"})');
      const labels = validateLabels(parseLabelsField(p.Labels, "Labels"), "Labels");
      const s = ownedSession(ctx, p.sessionId);
      ctx.deps.store.setLabels(s, labels);
      return { data: {} };
    },
  },
  {
    method: "GET",
    path: "/sdk/GetLabel",
    auth: true,
    handle(ctx) {
      const s = ownedSession(ctx, input(ctx, z.object({ sessionId: sessionIdField })).sessionId);
      const labels = ctx.deps.store.labels(s.seq);
      return { data: { labels: JSON.stringify(labels), count: Object.keys(labels).length } };
    },
  },
];
