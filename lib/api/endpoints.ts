// The dashboard API, one row per endpoint: method, path (with `[id]` for a session id), query and
// body schemas, and the schema of a successful answer. Route handlers are built from these rows
// (lib/server/route.ts validates input with them and type-checks what a handler returns), the
// browser builds every URL and parses every answer from them (lib/api/client.ts), and
// tests/api/endpoints.test.ts fails when this table and app/api/**/route.ts disagree.
import { auditExportQuery, auditPage, auditQuery, sessionAuditQuery } from "./schemas/audit";
import { requestIdResponse, role } from "./schemas/common";
import {
  codeRunResult,
  commandResult,
  consoleCapabilities,
  deletePathQuery,
  interruptCodeBody,
  listDirResponse,
  metricsResponse,
  moveFileBody,
  pathQuery,
  readFileQuery,
  readFileResponse,
  runCodeBody,
  runCommandBody,
  searchFilesQuery,
  uploadQuery,
  writeFileBody,
} from "./schemas/console";
import { loginBody } from "./schemas/errors";
import { bulkLabelsBody, knownLabelsResponse, replaceLabelsBody } from "./schemas/labels";
import {
  bulkDeleteBody,
  bulkResult,
  createSessionBody,
  imagesResponse,
  labelFilterQuery,
  listSessionsQuery,
  listSessionsResponse,
  sessionDetail,
  sessionIdsQuery,
  sessionIdsResponse,
  sessionLabelsResponse,
} from "./schemas/sessions";
import { metricsHistory, metricsHistoryQuery, terminalInfo, terminalList, terminalSizeBody } from "./schemas/terminal";
import {
  acceptInviteBody,
  changePasswordBody,
  changePasswordResponse,
  inviteResponse,
  inviteUserBody,
  listInvitesResponse,
  listLoginsResponse,
  listUsersResponse,
  resetPasswordResponse,
  revokeInviteResponse,
  updateUserBody,
  updateUserResponse,
} from "./schemas/users";
import { endpointUrl } from "./endpoint-url";
import type { Role } from "./roles";
import { z } from "./zod";

type Schema = z.ZodMiniType;

/**
 * What an endpoint answers on success: JSON checked against a schema, no body (204), or something
 * a handler builds itself (an event stream, a file's bytes, a redirect the browser follows).
 */
export type Answer = Schema | "empty" | "event-stream" | "bytes" | "redirect";

export interface Endpoint {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** `/api/...`, `[id]` standing for an AGB session id. */
  path: `/api/${string}`;
  /** Defaults to true: only login (password and OIDC) and health are public. */
  auth?: false;
  /** The least role that may call it; default `viewer` for GET, `operator` otherwise (requiredRole). */
  role?: Role;
  /**
   * The audit-log action each call records (lib/server/audit): every change and every console
   * action has one; reads have none.
   */
  audit?: AuditAction;
  /** Query parameters; a key whose schema is an array may repeat (`?label=a:1&label=b:2`). */
  query?: Schema;
  /** A JSON body, or `multipart` (read by the handler). */
  body?: Schema | "multipart";
  answer: Answer;
  /** HTTP status of a success; default 200. */
  status?: 201;
  /** Largest JSON body accepted, in bytes (default 16 MiB); checked while the body streams. */
  maxBodyBytes?: number;
}

// Anything in `next` is accepted here: safeNextPath (app/login/safe-next.ts) reduces it to a path.
const oidcLoginQuery = z.object({ next: z.optional(z.string()) });
const meResponse = z.object({ username: z.string(), role });
const labelsResponse = z.object({ labels: z.record(z.string(), z.string()), requestId: z.string() });
const backendHealthResponse = z.object({ ok: z.boolean() });
const healthResponse = z.object({ ok: z.boolean(), backend: z.enum(["embedded", "cloud"]) });
const sessionInfoResponse = z.object({ data: z.unknown(), requestId: z.string() });
const keepAliveResponse = z.object({ requestId: z.string(), idleReleaseAt: z.nullable(z.string()) });
const searchResponse = z.object({ matches: z.array(z.string()), requestId: z.string() });
const uploadResponse = z.object({ written: z.array(z.string()), requestId: z.string() });

/** Every action the audit log records; the Audit page filters by these. */
export const AUDIT_ACTIONS = [
  "auth.login",
  "auth.logout",
  "auth.end_login",
  "auth.password",
  "session.create",
  "session.delete",
  "session.bulk_delete",
  "session.keep_alive",
  "labels.replace",
  "labels.bulk",
  "code.run",
  "code.interrupt",
  "command.run",
  "terminal.open",
  "terminal.close",
  "file.write",
  "file.upload",
  "file.delete",
  "file.move",
  "file.mkdir",
  "user.invite",
  "user.revoke_invite",
  "user.accept_invite",
  "user.update",
  "user.reset_password",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const endpoints = {
  login: {
    method: "POST",
    path: "/api/auth/login",
    auth: false,
    body: loginBody,
    maxBodyBytes: 8 * 1024,
    answer: "empty",
  },
  // Sign-in with OpenID Connect (lib/server/auth/oidc): browser navigations answered with 303s,
  // errors included (to /login?error=…), never called through callApi.
  oidcLogin: {
    method: "GET",
    path: "/api/auth/oidc/login",
    auth: false,
    query: oidcLoginQuery,
    answer: "redirect",
  },
  oidcCallback: { method: "GET", path: "/api/auth/oidc/callback", auth: false, answer: "redirect" },
  logout: { method: "POST", path: "/api/auth/logout", role: "viewer", audit: "auth.logout", answer: "empty" },
  me: { method: "GET", path: "/api/auth/me", answer: meResponse },
  health: { method: "GET", path: "/api/health", auth: false, answer: healthResponse },
  backendHealth: { method: "GET", path: "/api/health/backend", answer: backendHealthResponse },
  images: { method: "GET", path: "/api/images", answer: imagesResponse },

  listSessions: { method: "GET", path: "/api/sessions", query: listSessionsQuery, answer: listSessionsResponse },
  sessionIds: { method: "GET", path: "/api/sessions/ids", query: labelFilterQuery, answer: sessionIdsResponse },
  sessionLabels: { method: "GET", path: "/api/sessions/labels", query: sessionIdsQuery, answer: sessionLabelsResponse },
  createSession: {
    method: "POST",
    path: "/api/sessions",
    body: createSessionBody,
    audit: "session.create",
    answer: sessionDetail,
    status: 201,
  },
  bulkDelete: {
    method: "POST",
    path: "/api/sessions/bulk-delete",
    body: bulkDeleteBody,
    audit: "session.bulk_delete",
    answer: bulkResult,
  },
  session: { method: "GET", path: "/api/sessions/[id]", answer: sessionDetail },
  sessionInfo: { method: "GET", path: "/api/sessions/[id]/info", answer: sessionInfoResponse },
  deleteSession: { method: "DELETE", path: "/api/sessions/[id]", audit: "session.delete", answer: requestIdResponse },
  keepAlive: {
    method: "POST",
    path: "/api/sessions/[id]/keep-alive",
    audit: "session.keep_alive",
    answer: keepAliveResponse,
  },

  labels: { method: "GET", path: "/api/sessions/[id]/labels", answer: labelsResponse },
  replaceLabels: {
    method: "PUT",
    path: "/api/sessions/[id]/labels",
    body: replaceLabelsBody,
    audit: "labels.replace",
    answer: labelsResponse,
  },
  bulkLabels: {
    method: "POST",
    path: "/api/labels/bulk",
    body: bulkLabelsBody,
    audit: "labels.bulk",
    answer: bulkResult,
  },
  knownLabels: { method: "GET", path: "/api/labels/known", answer: knownLabelsResponse },

  runCode: {
    method: "POST",
    path: "/api/sessions/[id]/code",
    body: runCodeBody,
    audit: "code.run",
    answer: codeRunResult,
  },
  streamCode: {
    method: "POST",
    path: "/api/sessions/[id]/code/stream",
    body: runCodeBody,
    audit: "code.run",
    answer: "event-stream",
  },
  interruptCode: {
    method: "POST",
    path: "/api/sessions/[id]/code/interrupt",
    body: interruptCodeBody,
    audit: "code.interrupt",
    answer: requestIdResponse,
  },
  runCommand: {
    method: "POST",
    path: "/api/sessions/[id]/command",
    body: runCommandBody,
    audit: "command.run",
    answer: commandResult,
  },
  metrics: { method: "GET", path: "/api/sessions/[id]/metrics", answer: metricsResponse },
  metricsHistory: {
    method: "GET",
    path: "/api/sessions/[id]/metrics/history",
    query: metricsHistoryQuery,
    answer: metricsHistory,
  },
  consoleCapabilities: { method: "GET", path: "/api/sessions/[id]/console", answer: consoleCapabilities },

  listDir: { method: "GET", path: "/api/sessions/[id]/files", query: pathQuery, answer: listDirResponse },
  deletePath: {
    method: "DELETE",
    path: "/api/sessions/[id]/files",
    query: deletePathQuery,
    audit: "file.delete",
    answer: requestIdResponse,
  },
  readFile: { method: "GET", path: "/api/sessions/[id]/files/content", query: readFileQuery, answer: readFileResponse },
  writeFile: {
    method: "PUT",
    path: "/api/sessions/[id]/files/content",
    body: writeFileBody,
    audit: "file.write",
    answer: requestIdResponse,
  },
  download: { method: "GET", path: "/api/sessions/[id]/files/download", query: pathQuery, answer: "bytes" },
  upload: {
    method: "POST",
    path: "/api/sessions/[id]/files/upload",
    query: uploadQuery,
    body: "multipart",
    audit: "file.upload",
    answer: uploadResponse,
  },
  terminals: { method: "GET", path: "/api/sessions/[id]/terminals", answer: terminalList },
  openTerminal: {
    method: "POST",
    path: "/api/sessions/[id]/terminals",
    body: terminalSizeBody,
    audit: "terminal.open",
    answer: terminalInfo,
  },
  closeTerminal: {
    method: "DELETE",
    path: "/api/sessions/[id]/terminals/[tid]",
    audit: "terminal.close",
    answer: "empty",
  },

  makeDirectory: {
    method: "POST",
    path: "/api/sessions/[id]/files/mkdir",
    body: pathQuery,
    audit: "file.mkdir",
    answer: requestIdResponse,
  },
  move: {
    method: "POST",
    path: "/api/sessions/[id]/files/move",
    body: moveFileBody,
    audit: "file.move",
    answer: requestIdResponse,
  },
  search: { method: "GET", path: "/api/sessions/[id]/files/search", query: searchFilesQuery, answer: searchResponse },

  // Audit log (the write side is the `audit` of the rows above; nothing edits or deletes entries).
  auditLog: { method: "GET", path: "/api/audit", role: "admin", query: auditQuery, answer: auditPage },
  auditExport: { method: "GET", path: "/api/audit/export", role: "admin", query: auditExportQuery, answer: "bytes" },
  // A session's own history: whoever may see the session may see what was done in it.
  sessionAudit: { method: "GET", path: "/api/sessions/[id]/audit", query: sessionAuditQuery, answer: auditPage },

  // Users (admin): invites are one-time links; `[uid]` is a user's numeric id.
  listUsers: { method: "GET", path: "/api/users", role: "admin", answer: listUsersResponse },
  inviteUser: {
    method: "POST",
    path: "/api/users/invites",
    role: "admin",
    body: inviteUserBody,
    maxBodyBytes: 8 * 1024,
    audit: "user.invite",
    answer: inviteResponse,
    status: 201,
  },
  listInvites: { method: "GET", path: "/api/users/invites", role: "admin", answer: listInvitesResponse },
  revokeInvite: {
    method: "DELETE",
    path: "/api/users/invites/[inviteId]",
    role: "admin",
    audit: "user.revoke_invite",
    answer: revokeInviteResponse,
  },
  updateUser: {
    method: "PUT",
    path: "/api/users/[uid]",
    role: "admin",
    body: updateUserBody,
    maxBodyBytes: 8 * 1024,
    audit: "user.update",
    answer: updateUserResponse,
  },
  resetPassword: {
    method: "POST",
    path: "/api/users/[uid]/password",
    role: "admin",
    audit: "user.reset_password",
    answer: resetPasswordResponse,
  },
  // Public: the invite's token is the credential. Audited by its handler (user.accept_invite), as
  // login is: the wrapper audits only calls that carry a login.
  acceptInvite: {
    method: "POST",
    path: "/api/invites/accept",
    auth: false,
    body: acceptInviteBody,
    maxBodyBytes: 8 * 1024,
    answer: "empty",
  },

  // Account: every logged-in user, about themselves.
  changePassword: {
    method: "POST",
    path: "/api/account/password",
    role: "viewer",
    body: changePasswordBody,
    maxBodyBytes: 8 * 1024,
    audit: "auth.password",
    answer: changePasswordResponse,
  },
  myLogins: { method: "GET", path: "/api/account/logins", answer: listLoginsResponse },
  endMyLogin: {
    method: "DELETE",
    path: "/api/account/logins/[lid]",
    role: "viewer",
    audit: "auth.end_login",
    answer: "empty",
  },
} as const satisfies Record<string, Endpoint>;

/**
 * A terminal's WebSocket: keystrokes and resizes in (`terminalClientFrame`), its output out
 * (`terminalServerFrame`). Served by the dashboard's own server (server.ts), not a route handler:
 * route handlers cannot upgrade. Watching a terminal is using it: a viewer may not (it would see
 * what an operator types).
 */
export const terminalSocket = {
  path: "/api/sessions/[id]/terminals/[tid]/socket",
  role: "operator",
} as const satisfies { path: string; role: Role };

export const terminalSocketPath = (id: string, tid: string): string =>
  endpointUrl({ method: "GET", path: terminalSocket.path }, id, undefined, { tid });

/** The least role that may call an endpoint. */
export function requiredRole(e: Endpoint): Role {
  return e.role ?? (e.method === "GET" ? "viewer" : "operator");
}

type Out<S> = S extends Schema ? z.infer<S> : never;
type In<S> = S extends Schema ? z.input<S> : never;

/** What a handler must return for endpoint E (a Response is always allowed: streams, 201, 204). */
export type AnswerOf<E extends Endpoint> = E["answer"] extends Schema ? z.infer<E["answer"]> : never;
export type QueryOf<E extends Endpoint> = E extends { query: infer Q } ? Out<Q> : undefined;
export type BodyOf<E extends Endpoint> = E extends { body: infer B }
  ? B extends Schema
    ? Out<B>
    : undefined
  : undefined;
/** What the browser passes: schema inputs (defaults may be left out). */
export type QueryInput<E extends Endpoint> = E extends { query: infer Q } ? In<Q> : undefined;
export type BodyInput<E extends Endpoint> = E extends { body: infer B }
  ? B extends Schema
    ? In<B>
    : FormData
  : undefined;

/** Query keys whose schema is an array: they may repeat in the URL. */
export function repeatedKeys(query: Schema | undefined): string[] {
  type Def = { type: string; innerType?: { _zod: { def: Def } }; shape?: Record<string, { _zod: { def: Def } }> };
  const shape = (query as unknown as { _zod: { def: Def } } | undefined)?._zod.def.shape ?? {};
  const isArray = (d: Def): boolean =>
    d.type === "array" || (d.innerType !== undefined && isArray(d.innerType._zod.def));
  return Object.keys(shape).filter((k) => isArray(shape[k]._zod.def));
}
