// Query encoding exactly as the official SDK's axios does it (docs/protocol.md, "Transport"):
// encodeURIComponent, then %20 → "+", and ":", "$", "," left unescaped.
export type QueryValue = string | number | boolean | undefined;

export function encodeQueryValue(v: string): string {
  return encodeURIComponent(v).replace(/%3A/gi, ":").replace(/%24/g, "$").replace(/%2C/gi, ",").replace(/%20/g, "+");
}

export function encodeQuery(query: Record<string, QueryValue> | undefined): string {
  if (!query) return "";
  const parts: string[] = [];
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue;
    parts.push(`${encodeQueryValue(k)}=${encodeQueryValue(String(v))}`);
  }
  return parts.length ? `?${parts.join("&")}` : "";
}

/** Normalises an endpoint like the SDK: https:// is prepended when no scheme is given; trailing slashes go. */
export function normaliseEndpoint(endpoint: string): URL {
  const withScheme = /^https?:\/\//i.test(endpoint) ? endpoint : `https://${endpoint}`;
  const url = new URL(withScheme);
  url.pathname = url.pathname.replace(/\/+$/, "");
  url.search = "";
  url.hash = "";
  return url;
}

/** Axios-style join: a path prefix of the base is preserved. */
export function joinPath(base: URL, path: string): URL {
  const u = new URL(base.href);
  u.pathname = `${base.pathname.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
  return u;
}
