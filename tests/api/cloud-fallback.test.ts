// AGB cloud cannot run here, so a scripted stand-in answers like it does (no runtime extensions:
// no labels/imageId in getSession, no /local/images, no wsUrl) and the server functions must
// fall back: labels via GetLabel, the built-in image list, a non-streamed run emitted as events.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgbClient, type AgbClient } from "@/lib/agb/client";
import { CLOUD_IMAGES, listImages } from "@/lib/server/images";
import { streamCode } from "@/lib/server/console/stream";

let server: http.Server;
let agb: AgbClient;
const calls: string[] = [];
const ok = (data: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ success: true, code: "OK", requestId: `r-${calls.length}`, data, ...extra });

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const url = new URL(req.url!, "http://x");
      calls.push(url.pathname);
      const json = (s: string) => res.writeHead(200, { "content-type": "application/json" }).end(s);
      const b = body ? JSON.parse(body) : {};
      switch (url.pathname) {
        case "/sdk/ListSession": {
          const filter = JSON.parse(url.searchParams.get("labels") ?? "{}") as Record<string, string>;
          if (filter.paged) {
            // 7 sessions whose rows come complete in the list items (an optional extension).
            const size = Number(url.searchParams.get("maxResults"));
            const from = Number(url.searchParams.get("nextToken") || 0);
            const all = Array.from({ length: 7 }, (_, i) => ({
              sessionId: `s-p${i}`,
              sessionStatus: "RUNNING",
              imageId: "img",
              createTime: "2026-01-01T00:00:00Z",
              idleReleaseTime: "2026-01-01T01:00:00Z",
              labels: { paged: "yes", i: String(i) },
            }));
            const next = from + size < all.length ? String(from + size) : "";
            return json(ok(all.slice(from, from + size), { count: all.length, maxResults: size, nextToken: next }));
          }
          return json(
            ok(
              [
                { sessionId: "s-1", sessionStatus: "RUNNING" },
                { sessionId: "s-gone", sessionStatus: "RUNNING" },
              ],
              { count: 2, maxResults: 10 },
            ),
          );
        }
        case "/mcp/getSession":
          if (b.sessionId === "s-gone")
            return json(
              JSON.stringify({
                success: false,
                code: "InvalidMcpSession.NotFound",
                message: "Session s-gone not found",
                requestId: "r-x",
              }),
            );
          return json(
            ok({ sessionId: b.sessionId, status: "RUNNING", appInstanceId: "a", resourceId: "r", toolList: "[]" }),
          );
        case "/sdk/GetLabel":
          return json(ok({ labels: JSON.stringify({ env: "prod" }) }));
        case "/mcp":
          return json(
            ok({
              isError: false,
              content: [
                {
                  type: "text",
                  text: JSON.stringify({
                    result: [{ "text/plain": "2" }],
                    stdout: ["a\n", "b\n"],
                    stderr: [],
                    execution_count: 1,
                    execution_time: 0.01,
                  }),
                },
              ],
            }),
          );
        default:
          return res.writeHead(404).end("Not Found");
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  agb = createAgbClient({
    endpoint: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    apiKey: "cloud-key",
  });
});
afterAll(async () => {
  agb.close();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe("on AGB cloud", () => {
  it("offers the documented public images when /local/images does not exist", async () => {
    expect((await listImages(agb)).images).toEqual(CLOUD_IMAGES);
  });

  it("runs code without a stream and emits the result as the same events", async () => {
    const res = await streamCode(
      agb,
      "s-1",
      { language: "python", code: "print('a'); print('b'); 1+1", timeoutS: 10 },
      new AbortController().signal,
    );
    const text = await res.text();
    const events = text
      .split("\n\n")
      .filter(Boolean)
      .map((b) => b.split("\n")[0]);
    expect(events).toEqual(["event: stdout", "event: stdout", "event: result", "event: end"]);
    expect(text).toContain('"ok":true');
  });
});
