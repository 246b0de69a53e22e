// GENERATED from lib/api/endpoints.ts by tests/api/endpoint-paths.test.ts: do not edit.
// The browser's copy of the endpoint table: name, method, path and whether a success answers JSON.
// The types come from the table itself; its zod schemas stay out of the browser's first load.
import type { endpoints as table } from "./endpoints";

type Table = typeof table;
export type EndpointName = keyof Table;
export type EndpointOf<K extends EndpointName> = Table[K];

export interface EndpointRef<K extends EndpointName = EndpointName> {
  name: K;
  method: Table[K]["method"];
  path: Table[K]["path"];
  json: boolean;
}

export const endpoints = {
  login: { name: "login", method: "POST", path: "/api/auth/login", json: false },
  oidcLogin: { name: "oidcLogin", method: "GET", path: "/api/auth/oidc/login", json: false },
  oidcCallback: { name: "oidcCallback", method: "GET", path: "/api/auth/oidc/callback", json: false },
  logout: { name: "logout", method: "POST", path: "/api/auth/logout", json: false },
  me: { name: "me", method: "GET", path: "/api/auth/me", json: true },
  health: { name: "health", method: "GET", path: "/api/health", json: true },
  backendHealth: { name: "backendHealth", method: "GET", path: "/api/health/backend", json: true },
  images: { name: "images", method: "GET", path: "/api/images", json: true },
  listSessions: { name: "listSessions", method: "GET", path: "/api/sessions", json: true },
  sessionIds: { name: "sessionIds", method: "GET", path: "/api/sessions/ids", json: true },
  sessionLabels: { name: "sessionLabels", method: "GET", path: "/api/sessions/labels", json: true },
  createSession: { name: "createSession", method: "POST", path: "/api/sessions", json: true },
  bulkDelete: { name: "bulkDelete", method: "POST", path: "/api/sessions/bulk-delete", json: true },
  session: { name: "session", method: "GET", path: "/api/sessions/[id]", json: true },
  sessionInfo: { name: "sessionInfo", method: "GET", path: "/api/sessions/[id]/info", json: true },
  deleteSession: { name: "deleteSession", method: "DELETE", path: "/api/sessions/[id]", json: true },
  keepAlive: { name: "keepAlive", method: "POST", path: "/api/sessions/[id]/keep-alive", json: true },
  labels: { name: "labels", method: "GET", path: "/api/sessions/[id]/labels", json: true },
  replaceLabels: { name: "replaceLabels", method: "PUT", path: "/api/sessions/[id]/labels", json: true },
  bulkLabels: { name: "bulkLabels", method: "POST", path: "/api/labels/bulk", json: true },
  knownLabels: { name: "knownLabels", method: "GET", path: "/api/labels/known", json: true },
  runCode: { name: "runCode", method: "POST", path: "/api/sessions/[id]/code", json: true },
  streamCode: { name: "streamCode", method: "POST", path: "/api/sessions/[id]/code/stream", json: false },
  interruptCode: { name: "interruptCode", method: "POST", path: "/api/sessions/[id]/code/interrupt", json: true },
  runCommand: { name: "runCommand", method: "POST", path: "/api/sessions/[id]/command", json: true },
  metrics: { name: "metrics", method: "GET", path: "/api/sessions/[id]/metrics", json: true },
  metricsHistory: { name: "metricsHistory", method: "GET", path: "/api/sessions/[id]/metrics/history", json: true },
  consoleCapabilities: { name: "consoleCapabilities", method: "GET", path: "/api/sessions/[id]/console", json: true },
  listDir: { name: "listDir", method: "GET", path: "/api/sessions/[id]/files", json: true },
  deletePath: { name: "deletePath", method: "DELETE", path: "/api/sessions/[id]/files", json: true },
  readFile: { name: "readFile", method: "GET", path: "/api/sessions/[id]/files/content", json: true },
  writeFile: { name: "writeFile", method: "PUT", path: "/api/sessions/[id]/files/content", json: true },
  download: { name: "download", method: "GET", path: "/api/sessions/[id]/files/download", json: false },
  upload: { name: "upload", method: "POST", path: "/api/sessions/[id]/files/upload", json: true },
  terminals: { name: "terminals", method: "GET", path: "/api/sessions/[id]/terminals", json: true },
  openTerminal: { name: "openTerminal", method: "POST", path: "/api/sessions/[id]/terminals", json: true },
  closeTerminal: { name: "closeTerminal", method: "DELETE", path: "/api/sessions/[id]/terminals/[tid]", json: false },
  makeDirectory: { name: "makeDirectory", method: "POST", path: "/api/sessions/[id]/files/mkdir", json: true },
  move: { name: "move", method: "POST", path: "/api/sessions/[id]/files/move", json: true },
  search: { name: "search", method: "GET", path: "/api/sessions/[id]/files/search", json: true },
  auditLog: { name: "auditLog", method: "GET", path: "/api/audit", json: true },
  auditExport: { name: "auditExport", method: "GET", path: "/api/audit/export", json: false },
  sessionAudit: { name: "sessionAudit", method: "GET", path: "/api/sessions/[id]/audit", json: true },
  listUsers: { name: "listUsers", method: "GET", path: "/api/users", json: true },
  inviteUser: { name: "inviteUser", method: "POST", path: "/api/users/invites", json: true },
  updateUser: { name: "updateUser", method: "PUT", path: "/api/users/[uid]", json: true },
  resetPassword: { name: "resetPassword", method: "POST", path: "/api/users/[uid]/password", json: true },
  acceptInvite: { name: "acceptInvite", method: "POST", path: "/api/invites/accept", json: false },
  changePassword: { name: "changePassword", method: "POST", path: "/api/account/password", json: true },
  myLogins: { name: "myLogins", method: "GET", path: "/api/account/logins", json: true },
  endMyLogin: { name: "endMyLogin", method: "DELETE", path: "/api/account/logins/[lid]", json: false },
} as const satisfies { [K in EndpointName]: EndpointRef<K> };
