/** A client for the runtime's wire API with one API key. */
export function runtimeClient(url: string, key: string) {
  const auth = { authorization: `Bearer ${key}`, "content-type": "application/json" };
  return {
    auth,
    /** POST a JSON body to url+path (with optional query), returning the parsed answer. */
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- wire bodies
    async post(p: string, body: unknown, query: Record<string, string> = {}): Promise<any> {
      const u = new URL(url + p);
      for (const [k, v] of Object.entries(query)) u.searchParams.set(k, v);
      const r = await fetch(u, { method: "POST", headers: auth, body: JSON.stringify(body) });
      return r.json();
    },
  };
}

/**
 * The runtime's test-control endpoints (`/_control/*`, on with AGB_RUNTIME_FAULTS=1) with its
 * control key: each call answers the envelope's data.
 */
export function runtimeControl(url: string, controlKey: string) {
  return async <T>(method: "GET" | "POST", p: string): Promise<T> => {
    const r = await fetch(`${url}/_control/${p}`, { method, headers: { "x-control-key": controlKey } });
    if (!r.ok) throw new Error(`/_control/${p} → ${r.status} ${await r.text()}`);
    return ((await r.json()) as { data: T }).data;
  };
}

/** Logs in to the dashboard at base with its password, returning the session cookie ("name=value; …"). */
export async function dashboardLogin(base: string, password: string): Promise<string> {
  const r = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ password }),
  });
  if (r.status !== 204) throw new Error(`login failed: ${r.status} ${await r.text()}`);
  return r.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}
