// Error paths of the AGB client: backend down, wrong key, timeouts, unreadable answers, retries
// of idempotent reads only, and the SDK's query encoding.
import http from "node:http";
import { describe, expect, it } from "vitest";
import { createAgbClient } from "@/lib/agb/client";
import { encodeQuery, joinPath, normaliseEndpoint } from "@/lib/agb/query";
import type { TestRuntime } from "../runtime/helpers";
import { closedPort, rejection, withTestRuntime } from "./runtime-fixture";

let env: TestRuntime;
withTestRuntime("agb-errors", (e) => {
  env = e;
});

/** A bare HTTP server scripted per test, for answers the runtime never gives (503s, HTML, silence). */
async function scripted(
  handler: http.RequestListener,
): Promise<{ url: string; hits: () => number; close: () => Promise<void> }> {
  let n = 0;
  const server = http.createServer((req, res) => {
    n++;
    handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    hits: () => n,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

describe("against the runtime", () => {
  it("maps a wrong API key to an auth error", async () => {
    const agb = createAgbClient({ endpoint: env.rt.url, apiKey: "not-the-key" });
    const e = await rejection(agb.listSessionsPage({}));
    expect(e.kind).toBe("auth");
    expect(e.message).not.toContain("not-the-key");
    agb.close();
  });

  it("maps a stopped backend to a network error naming the endpoint, never the key", async () => {
    const port = await closedPort();
    const agb = createAgbClient({ endpoint: `http://127.0.0.1:${port}`, apiKey: "secret-key-xyz", retries: 1 });
    const calls = [
      () => agb.listSessionsPage({}),
      () => agb.getSession("s-1"),
      () => agb.createSession({ imageId: "agb-code-space-1" }),
      () => agb.runShell("s-1", { command: "echo" }),
    ];
    for (const call of calls) {
      const e = await rejection(call());
      expect(e.kind).toBe("network");
      expect(e.message).toContain(`127.0.0.1:${port}`);
      expect(e.message).not.toContain("secret-key-xyz");
    }
    agb.close();
  });
});

describe("transport", () => {
  it("times out a request that gets no answer", async () => {
    const srv = await scripted(() => {
      /* never answers */
    });
    const agb = createAgbClient({ endpoint: srv.url, apiKey: "k", timeoutMs: 300, retries: 0 });
    const e = await rejection(agb.getSession("s-1"));
    expect(e.kind).toBe("timeout");
    agb.close();
    await srv.close();
  });

  it("retries idempotent reads after a 503 but never repeats a mutation", async () => {
    let calls = 0;
    const srv = await scripted((req, res) => {
      calls++;
      if (calls === 1) {
        res.writeHead(503).end("busy");
        return;
      }
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ success: true, requestId: "r-ok", data: { sessionId: "s-1", status: "RUNNING" } }));
    });
    const agb = createAgbClient({ endpoint: srv.url, apiKey: "k" });
    const got = await agb.getSession("s-1");
    expect(got.requestId).toBe("r-ok");
    expect(srv.hits()).toBe(2);

    calls = 0;
    const before = srv.hits();
    const e = await rejection(agb.releaseSession("s-1"));
    expect(e.kind).toBe("protocol");
    expect(srv.hits() - before).toBe(1);
    agb.close();
    await srv.close();
  });

  it("reports a non-JSON answer as a protocol error carrying the text and x-request-id", async () => {
    const srv = await scripted((_req, res) =>
      res.writeHead(502, { "x-request-id": "hdr-1" }).end("<html>Bad gateway</html>"),
    );
    const agb = createAgbClient({ endpoint: srv.url, apiKey: "k", retries: 0 });
    const e = await rejection(agb.getSessionStatus("s-1"));
    expect(e.kind).toBe("protocol");
    expect(e.message).toContain("Bad gateway");
    expect(e.requestId).toBe("hdr-1");
    agb.close();
    await srv.close();
  });

  it("treats success other than the boolean true as a failure", async () => {
    const srv = await scripted((_req, res) =>
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ success: "true", code: "Odd", message: "stringly", requestId: "r-2", data: {} })),
    );
    const agb = createAgbClient({ endpoint: srv.url, apiKey: "k" });
    const e = await rejection(agb.getLabels("s-1"));
    expect(e.message).toContain("stringly");
    expect(e.requestId).toBe("r-2");
    agb.close();
    await srv.close();
  });

  it("sends SetLabel with Labels in the query, no body, and the SDK's encoding", async () => {
    let seen: { url?: string; body?: string; headers?: http.IncomingHttpHeaders } = {};
    const srv = await scripted((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        seen = { url: req.url, body, headers: req.headers };
        res
          .writeHead(200, { "content-type": "application/json" })
          .end(JSON.stringify({ success: true, requestId: "r" }));
      });
    });
    const agb = createAgbClient({ endpoint: `${srv.url}/prefix/`, apiKey: "k" });
    await agb.setLabels("s-1", { a: "b c" });
    expect(seen.url).toBe("/prefix/sdk/SetLabel?sessionId=s-1&Labels=%7B%22a%22:%22b+c%22%7D");
    expect(seen.body).toBe("");
    expect(seen.headers?.["content-type"]).toBe("application/json");
    expect(seen.headers?.authorization).toBe("Bearer k");
    agb.close();
    await srv.close();
  });

  it("encodes queries and joins paths like axios", () => {
    expect(encodeQuery({ labels: JSON.stringify({ a: "b c" }), skip: undefined, n: 10 })).toBe(
      "?labels=%7B%22a%22:%22b+c%22%7D&n=10",
    );
    expect(joinPath(normaliseEndpoint("sdk-api.agb.cloud"), "/mcp").href).toBe("https://sdk-api.agb.cloud/mcp");
    expect(joinPath(normaliseEndpoint("http://h:1/api/"), "/mcp/createSession").href).toBe(
      "http://h:1/api/mcp/createSession",
    );
  });
});
