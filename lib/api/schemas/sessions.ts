import { IDLE_TIMEOUT_S } from "@/lib/protocol/idle";
import { z } from "../zod";
import { labelsSchema } from "./labels";

/** Label filters, `?label=key:value` repeated (checked as a whole by the server: pairs, duplicates, count). */
export const labelFilterQuery = z.object({ label: z._default(z.array(z.string()), []) });

/** GET /api/sessions/labels: `?id=…` repeated (checked by the server: count and form). */
export const sessionIdsQuery = z.object({ id: z._default(z.array(z.string()), []) });

/** GET /api/sessions query. */
export const listSessionsQuery = z.object({
  label: z._default(z.array(z.string()), []),
  page: z._default(z.coerce.number().check(z.int(), z.gte(1)), 1),
  size: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 50),
  /** AGB's token for this page (the previous answer's `nextCursor`). Without it, page N walks from page 1. */
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(4096))),
  /**
   * `1`: the page is read on the way to a later one (for its `nextCursor`), so the labels its items
   * lack are not fetched; a walk through 200 pages would otherwise fetch 10,000 sessions' labels.
   */
  walk: z.optional(z.enum(["1"])),
});

export const sessionRow = z.object({
  sessionId: z.string(),
  status: z.string(),
  /** Null where the backend does not report it (AGB's list carries ids and statuses only). */
  imageId: z.nullable(z.string()),
  /** Null until known: the browser then asks GET /api/sessions/labels for them. */
  labels: z.nullable(z.record(z.string(), z.string())),
  createdAt: z.nullable(z.string()),
  /** When the session will be released if it stays idle (ISO), if the backend tells. */
  idleReleaseAt: z.nullable(z.string()),
});
export type SessionRow = z.infer<typeof sessionRow>;

export const listSessionsResponse = z.object({
  items: z.array(sessionRow),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  pageCount: z.number(),
  /** The token this page was read with (null for page 1): polling the page again reuses it. */
  cursor: z.nullable(z.string()),
  /** The token of the next page, null on the last one. The server keeps no cursor: the client does. */
  nextCursor: z.nullable(z.string()),
  requestId: z.string(),
});
export type ListSessionsResponse = z.infer<typeof listSessionsResponse>;

/** GET /api/sessions/labels?id=…&id=…: labels of listed sessions; released ones are in `gone`. */
export const MAX_LABEL_IDS = 100;
export const sessionLabelsResponse = z.object({
  labels: z.record(z.string(), z.record(z.string(), z.string())),
  gone: z.array(z.string()),
});
export type SessionLabelsResponse = z.infer<typeof sessionLabelsResponse>;

/** GET /api/sessions/ids: every id matching a filter (for "select all N matching"). */
export const sessionIdsResponse = z.object({ ids: z.array(z.string()), total: z.number() });

export const sessionDetail = z.object({
  sessionId: z.string(),
  status: z.string(),
  imageId: z.nullable(z.string()),
  resourceUrl: z.nullable(z.string()),
  appInstanceId: z.nullable(z.string()),
  resourceId: z.nullable(z.string()),
  createdAt: z.nullable(z.string()),
  idleTimeoutSeconds: z.nullable(z.number()),
  idleReleaseAt: z.nullable(z.string()),
  labels: z.record(z.string(), z.string()),
  /** The backend's `data` exactly as received, for the raw-JSON view. */
  raw: z.unknown(),
  requestId: z.string(),
});
export type SessionDetail = z.infer<typeof sessionDetail>;

export const createSessionBody = z.object({
  imageId: z.string().check(z.minLength(1, "Choose an image")),
  labels: z._default(labelsSchema, {}),
  idleTimeoutSeconds: z._default(
    z.number().check(z.int(), z.gte(IDLE_TIMEOUT_S.min), z.lte(IDLE_TIMEOUT_S.max)),
    IDLE_TIMEOUT_S.default,
  ),
});
export type CreateSessionBody = z.input<typeof createSessionBody>;

export const bulkDeleteBody = z.object({
  sessionIds: z.array(z.string().check(z.minLength(1))).check(z.minLength(1), z.maxLength(10_000)),
});

/** Per-session outcome of a bulk operation. */
export const bulkResult = z.object({
  results: z.array(
    z.object({
      sessionId: z.string(),
      ok: z.boolean(),
      error: z.optional(z.object({ code: z.string(), message: z.string(), requestId: z.optional(z.string()) })),
    }),
  ),
});
export type BulkResult = z.infer<typeof bulkResult>;

export const imageInfo = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  languages: z.array(z.string()),
  tools: z.array(z.string()),
});
export const imagesResponse = z.object({
  images: z.array(imageInfo),
  idleTimeout: z.object({ min: z.number(), max: z.number(), default: z.number() }),
});
export type ImageInfo = z.infer<typeof imageInfo>;
