import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * The floor under "sessions page, first rows shown": the least any server-rendered page can do. A
 * bare node:http server that, per request, makes the same one ListSession call and answers a plain
 * HTML table of its rows (no framework, no CSS, no script), each with its labels (read once at start,
 * as the dashboard's warm label cache has them). What Chromium needs to show it (a new tab, the
 * request, one AGB call, parse and first frame) is the part of the figure no page of ours can remove.
 */
export async function startFloorPage(runtimeUrl: string, key: string, size: number) {
  const auth = { authorization: `Bearer ${key}` };
  const list = async () => {
    const r = await fetch(`${runtimeUrl}/sdk/ListSession?maxResults=${size}&labels=%7B%7D`, { headers: auth });
    return ((await r.json()) as { data: { sessionId: string; sessionStatus?: string; status?: string }[] }).data;
  };
  const labels = new Map<string, Record<string, string>>();
  for (const s of await list()) {
    const r = await fetch(`${runtimeUrl}/sdk/GetLabel?sessionId=${s.sessionId}`, { headers: auth });
    labels.set(s.sessionId, JSON.parse(((await r.json()) as { data: { labels: string } }).data.labels));
  }
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const server = http.createServer((_req, res) => {
    void list().then(
      (rows) => {
        const body = rows
          .map((s) => {
            const chips = Object.entries(labels.get(s.sessionId) ?? {})
              .map(([k, v]) => `<button aria-label="Filter by ${esc(k)}=${esc(v)}">${esc(k)}=${esc(v)}</button>`)
              .join(" ");
            return `<tr data-testid="session-row"><td>${esc(s.sessionId)}</td><td>${esc(s.sessionStatus ?? s.status ?? "")}</td><td>${chips}</td></tr>`;
          })
          .join("");
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        res.end(`<!doctype html><html><head><title>Sessions</title></head><body><table>${body}</table></body></html>`);
      },
      (e: Error) => res.writeHead(502).end(e.message),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
