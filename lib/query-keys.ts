// The one place react-query keys are built, so invalidation can target a whole family
// (`queryKeys.console.dirs(id)` refreshes every listed folder of a session at once). The
// sessions list keeps its pages and row labels outside react-query (components/sessions/list-cache.ts).
export type LabelPair = { key: string; value: string };

export const queryKeys = {
  sessions: {
    ids: (labels: LabelPair[]) => ["sessions", "ids", labels] as const,
    details: () => ["sessions", "detail"] as const,
    detail: (id: string) => ["sessions", "detail", id] as const,
    info: (id: string) => ["sessions", "detail", id, "info"] as const,
  },
  /** The console of one session: file browser, file contents, searches, metrics. */
  console: {
    all: (sessionId: string) => ["console", sessionId] as const,
    dirs: (sessionId: string) => ["console", sessionId, "dir"] as const,
    dir: (sessionId: string, path: string) => ["console", sessionId, "dir", path] as const,
    files: (sessionId: string) => ["console", sessionId, "file"] as const,
    file: (sessionId: string, path: string) => ["console", sessionId, "file", path] as const,
    fileChunk: (sessionId: string, path: string, offset: number, length: number) =>
      ["console", sessionId, "file", path, offset, length] as const,
    searches: (sessionId: string) => ["console", sessionId, "search"] as const,
    search: (sessionId: string, root: string, pattern: string) =>
      ["console", sessionId, "search", root, pattern] as const,
    metrics: (sessionId: string) => ["console", sessionId, "metrics"] as const,
    metricsHistory: (sessionId: string) => ["console", sessionId, "metrics", "history"] as const,
    terminals: (sessionId: string) => ["console", sessionId, "terminals"] as const,
  },
  /** The Users page (admin) and the Account page's own logins. */
  users: () => ["users"] as const,
  invites: () => ["invites"] as const,
  myLogins: () => ["account", "logins"] as const,
  audit: {
    all: () => ["audit"] as const,
    list: (filters: Record<string, string | undefined>) => ["audit", "list", filters] as const,
    session: (sessionId: string) => ["audit", "session", sessionId] as const,
  },
  images: () => ["images"] as const,
  health: () => ["health"] as const,
};
