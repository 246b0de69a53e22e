// URLs of the file routes for one session (see docs/ARCHITECTURE.md, route table).
const base = (sessionId: string) => `/api/sessions/${encodeURIComponent(sessionId)}/files`;
const q = (params: Record<string, string | number | undefined>) =>
  new URLSearchParams(Object.entries(params).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]]))).toString();

export const fileRoutes = {
  list: (sid: string, path: string) => `${base(sid)}?${q({ path })}`,
  remove: (sid: string, path: string, recursive = false) => `${base(sid)}?${q({ path, recursive: recursive ? "1" : "0" })}`,
  content: (sid: string, path: string, offset?: number, length?: number) => `${base(sid)}/content?${q({ path, offset, length })}`,
  write: (sid: string) => `${base(sid)}/content`,
  download: (sid: string, path: string) => `${base(sid)}/download?${q({ path })}`,
  upload: (sid: string, dir: string) => `${base(sid)}/upload?${q({ dir })}`,
  mkdir: (sid: string) => `${base(sid)}/mkdir`,
  move: (sid: string) => `${base(sid)}/move`,
  search: (sid: string, path: string, pattern: string) => `${base(sid)}/search?${q({ path, pattern })}`,
};
