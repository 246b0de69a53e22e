/** The URL of an endpoint: `[id]` (and any other `[name]`) filled in, arrays as repeated query keys. */
export function endpointUrl(
  e: { method: string; path: string },
  id?: string,
  query?: Record<string, unknown>,
  params: Record<string, string> = {},
): string {
  const path = e.path.replace(/\[(\w+)\]/g, (_, name: string) => {
    const v = name === "id" ? id : params[name];
    if (v === undefined)
      throw new Error(`${e.method} ${e.path} needs ${name === "id" ? "a session id" : `the path parameter ${name}`}`);
    return encodeURIComponent(v);
  });
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === null) continue;
    for (const item of Array.isArray(v) ? v : [v]) sp.append(k, String(item));
  }
  const qs = sp.toString();
  return qs ? `${path}?${qs}` : path;
}
