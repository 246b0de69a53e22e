// GENERATED from lib/api/endpoints.ts by tests/api/endpoint-paths.test.ts: do not edit.
// The browser's copy of the endpoint table: method, path and whether a success answers JSON, by name.
// The types come from the table itself; its zod schemas stay out of the browser's first load.
import type { endpoints as table } from "./endpoints";

type Table = typeof table;
export type EndpointName = keyof Table;
export type EndpointOf<K extends EndpointName> = Table[K];

export interface EndpointRef<K extends EndpointName = EndpointName> {
  method: Table[K]["method"];
  path: Table[K]["path"];
  json: boolean;
  /** In the type only (no bytes in the browser): which row a reference is, so a call is typed by it. */
  readonly name?: K;
}

export const endpoints: { readonly [K in EndpointName]: EndpointRef<K> } = {
  login: { method: "POST", path: "/api/auth/login", json: false },
  oidcLogin: { method: "GET", path: "/api/auth/oidc/login", json: false },
  oidcCallback: { method: "GET", path: "/api/auth/oidc/callback", json: false },
  logout: { method: "POST", path: "/api/auth/logout", json: false },
  me: { method: "GET", path: "/api/auth/me", json: true },
  health: { method: "GET", path: "/api/health", json: true },
  backendHealth: { method: "GET", path: "/api/health/backend", json: true },
  images: { method: "GET", path: "/api/images", json: true },
  listSessions: { method: "GET", path: "/api/sessions", json: true },
  sessionIds: { method: "GET", path: "/api/sessions/ids", json: true },
  sessionLabels: { method: "GET", path: "/api/sessions/labels", json: true },
  createSession: { method: "POST", path: "/api/sessions", json: true },
  bulkDelete: { method: "POST", path: "/api/sessions/bulk-delete", json: true },
  session: { method: "GET", path: "/api/sessions/[id]", json: true },
  sessionInfo: { method: "GET", path: "/api/sessions/[id]/info", json: true },
  deleteSession: { method: "DELETE", path: "/api/sessions/[id]", json: true },
  keepAlive: { method: "POST", path: "/api/sessions/[id]/keep-alive", json: true },
  labels: { method: "GET", path: "/api/sessions/[id]/labels", json: true },
  replaceLabels: { method: "PUT", path: "/api/sessions/[id]/labels", json: true },
  bulkLabels: { method: "POST", path: "/api/labels/bulk", json: true },
  knownLabels: { method: "GET", path: "/api/labels/known", json: true },
  runCode: { method: "POST", path: "/api/sessions/[id]/code", json: true },
  streamCode: { method: "POST", path: "/api/sessions/[id]/code/stream", json: false },
  interruptCode: { method: "POST", path: "/api/sessions/[id]/code/interrupt", json: true },
  runCommand: { method: "POST", path: "/api/sessions/[id]/command", json: true },
  metrics: { method: "GET", path: "/api/sessions/[id]/metrics", json: true },
  metricsHistory: { method: "GET", path: "/api/sessions/[id]/metrics/history", json: true },
  consoleCapabilities: { method: "GET", path: "/api/sessions/[id]/console", json: true },
  listDir: { method: "GET", path: "/api/sessions/[id]/files", json: true },
  deletePath: { method: "DELETE", path: "/api/sessions/[id]/files", json: true },
  readFile: { method: "GET", path: "/api/sessions/[id]/files/content", json: true },
  writeFile: { method: "PUT", path: "/api/sessions/[id]/files/content", json: true },
  download: { method: "GET", path: "/api/sessions/[id]/files/download", json: false },
  upload: { method: "POST", path: "/api/sessions/[id]/files/upload", json: true },
  terminals: { method: "GET", path: "/api/sessions/[id]/terminals", json: true },
  openTerminal: { method: "POST", path: "/api/sessions/[id]/terminals", json: true },
  closeTerminal: { method: "DELETE", path: "/api/sessions/[id]/terminals/[tid]", json: false },
  makeDirectory: { method: "POST", path: "/api/sessions/[id]/files/mkdir", json: true },
  move: { method: "POST", path: "/api/sessions/[id]/files/move", json: true },
  search: { method: "GET", path: "/api/sessions/[id]/files/search", json: true },
  auditLog: { method: "GET", path: "/api/audit", json: true },
  auditExport: { method: "GET", path: "/api/audit/export", json: false },
  sessionAudit: { method: "GET", path: "/api/sessions/[id]/audit", json: true },
  listUsers: { method: "GET", path: "/api/users", json: true },
  inviteUser: { method: "POST", path: "/api/users/invites", json: true },
  listInvites: { method: "GET", path: "/api/users/invites", json: true },
  revokeInvite: { method: "DELETE", path: "/api/users/invites/[inviteId]", json: true },
  updateUser: { method: "PUT", path: "/api/users/[uid]", json: true },
  resetPassword: { method: "POST", path: "/api/users/[uid]/password", json: true },
  acceptInvite: { method: "POST", path: "/api/invites/accept", json: false },
  changePassword: { method: "POST", path: "/api/account/password", json: true },
  myLogins: { method: "GET", path: "/api/account/logins", json: true },
  endMyLogin: { method: "DELETE", path: "/api/account/logins/[lid]", json: false },
};
