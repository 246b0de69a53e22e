// The session object and the ListSession row as they travel (docs/protocol.md, "Sessions",
// "Session listing", "Extensions"): the standard fields the SDK reads and the extension fields the
// embedded runtime adds. The runtime builds its answers against these types; the AGB client
// reads answers with these schemas, leniently (a field of the wrong type reads as absent).
import { z } from "zod/mini";

const optString = z.catch(z.optional(z.string()), undefined);
const optNumber = z.catch(z.optional(z.number()), undefined);
const optLabels = z.catch(z.optional(z.record(z.string(), z.string())), undefined);

/** Extension fields of a ListSession item, so a dashboard page costs one call. */
export const rowExtensionShape = {
  imageId: optString,
  createTime: optString,
  idleTimeout: optNumber,
  idleReleaseTime: optString,
  labels: optLabels,
};

export type RowExtensions = z.infer<z.ZodMiniObject<typeof rowExtensionShape>>;

export const listItemSchema = z.looseObject({
  sessionId: optString,
  sessionStatus: optString,
  ...rowExtensionShape,
});
export type ListItemWire = z.infer<typeof listItemSchema>;

export const sessionDataSchema = z.looseObject({
  sessionId: z.optional(z.string()),
  success: z.optional(z.unknown()),
  errMsg: optString,
  status: optString,
  Status: optString,
  resourceUrl: optString,
  appInstanceId: optString,
  resourceId: optString,
  linkUrl: optString,
  wsUrl: optString,
  token: optString,
  toolList: z.optional(z.unknown()),
  ...rowExtensionShape,
  lastActivityTime: optString,
  sandboxed: z.catch(z.optional(z.boolean()), undefined),
});
export type SessionData = z.infer<typeof sessionDataSchema>;

/** What the runtime sends: every field present (the schemas above only say what a reader accepts). */
export type Complete<T> = { [K in keyof T]-?: Exclude<T[K], undefined> };
export type SessionDataSent = Omit<Complete<SessionData>, "success" | "errMsg" | "Status" | "status"> & {
  status?: string;
};
export type ListItemSent = Complete<ListItemWire>;
