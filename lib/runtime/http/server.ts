/**
 * The runtime's HTTP server (node:http, no framework): body parsing with a size cap, Bearer auth
 * (each API key is an owner), routing, the AGB envelope with a requestId on every response (body
 * and `x-request-id`), and one JSON log line per request (never the key or a session token).
 * Strict mode answers only AGB's documented endpoints and fields (agb-surface.ts); a simulated
 * network delay and the test control (control.ts) apply here too.
 * WebSocket upgrades are left to the streaming module (see main.ts).
 */
import crypto from "node:crypto";
import http from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { documentedAnswer, isAgbEndpoint } from "./agb-surface";
import { CONTROL_PREFIX } from "./control";
import { EnvelopeError, diskFull, errorEnvelope, isDiskFull, okEnvelope, sendJson } from "./envelope";
import type { Ctx, Route, RuntimeDeps } from "./context";

export const MAX_BODY_BYTES = 4 * 1024 * 1024;

export const ownerOf = (apiKey: string) => crypto.createHash("sha256").update(apiKey).digest("hex").slice(0, 32);

function bearer(req: http.IncomingMessage): string | null {
  const h = req.headers.authorization;
  if (!h) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  return m ? m[1] : null;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      reject(
        new EnvelopeError(413, "RequestTooLarge", `request body is ${declared} bytes; the limit is ${MAX_BODY_BYTES}`),
      );
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on("data", (c: Buffer) => {
      if (failed) return;
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        failed = true;
        reject(new EnvelopeError(413, "RequestTooLarge", `request body exceeds ${MAX_BODY_BYTES} bytes`));
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => !failed && resolve(Buffer.concat(chunks)));
    req.on("error", (e) => !failed && reject(e));
  });
}

function parseBody(buf: Buffer): Record<string, unknown> {
  const text = buf.toString("utf8").trim();
  if (text === "") return {}; // the SDK sends POSTs without a body but with content-type json
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new EnvelopeError(400, "InvalidJson", `request body is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof v !== "object" || v === null || Array.isArray(v))
    throw new EnvelopeError(400, "InvalidJson", "request body must be a JSON object");
  return v as Record<string, unknown>;
}

export function createHttpServer(deps: RuntimeDeps, routes: Route[], apiKeys: string[]): http.Server {
  const owners = new Map(apiKeys.map((k) => [ownerOf(k), true]));
  const table = new Map<string, Map<string, Route>>();
  for (const r of routes) {
    if (!table.has(r.path)) table.set(r.path, new Map());
    table.get(r.path)!.set(r.method, r);
  }

  // Clients keep sockets alive between calls (the dashboard for up to 4 s): outlive them, so a
  // request never lands on a socket this side is closing.
  const { strict, latencyMs } = deps.config;
  const server = http.createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
    const requestId = crypto.randomUUID();
    const started = process.hrtime.bigint();
    // Prefixing keeps "//mcp/x" (Python SDK with a trailing-slash endpoint) a path, not a host.
    const url = new URL("http://localhost" + (req.url ?? "/"));
    url.pathname = url.pathname.replace(/\/{2,}/g, "/");
    let code = "OK";
    let owner = "";
    res.on("finish", () => {
      deps.log.info(
        {
          requestId,
          method: req.method,
          path: url.pathname,
          status: res.statusCode,
          code,
          owner: owner ? owner.slice(0, 8) : undefined,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
        },
        "request",
      );
    });
    const fail = (e: EnvelopeError) => {
      code = e.code;
      sendJson(res, e.status, requestId, errorEnvelope(requestId, e), e.status === 413);
    };
    void (async () => {
      try {
        const routePath = url.pathname.replace(/\/+$/, "") || "/";
        const isControl = routePath.startsWith(CONTROL_PREFIX);
        if (latencyMs > 0 && !isControl) await sleep(latencyMs);
        const byMethod = table.get(routePath);
        // In strict mode an extension endpoint is as absent as one that never existed.
        const visible = (m: string) => !strict || isControl || routePath === "/health" || isAgbEndpoint(m, routePath);
        if (!byMethod || ![...byMethod.keys()].some(visible))
          throw new EnvelopeError(404, "NotFound", `no such endpoint: ${req.method} ${url.pathname}`);
        const route = byMethod.get(req.method as "GET" | "POST");
        if (!route || !visible(route.method))
          throw new EnvelopeError(
            405,
            "MethodNotAllowed",
            `${url.pathname} accepts ${[...byMethod.keys()].filter(visible).join(", ")}, not ${req.method}`,
          );
        if (route.auth) {
          const key = bearer(req);
          if (!key)
            throw new EnvelopeError(
              401,
              "InvalidApiKey.Missing",
              "missing API key: send the header authorization: Bearer <key>",
            );
          const o = ownerOf(key);
          if (!owners.has(o)) throw new EnvelopeError(401, "InvalidApiKey", "invalid API key");
          owner = o;
        }
        const body = req.method === "POST" ? parseBody(await readBody(req)) : (req.resume(), {});
        if (route.auth && deps.control) {
          const throttled = deps.control.onAgbCall(route.method, route.path);
          if (throttled) throw throttled;
        }
        const query: Record<string, string> = {};
        for (const [k, v] of url.searchParams) if (!(k in query)) query[k] = v;
        const ctx: Ctx = { requestId, owner, query, body, headers: req.headers, deps, log: deps.log };
        const out = await route.handle(ctx);
        if (out.raw !== undefined) return sendJson(res, 200, requestId, out.raw);
        const { data, extra } = strict ? documentedAnswer(route.method, route.path, out.data, out.extra) : out;
        sendJson(res, 200, requestId, okEnvelope(requestId, data, extra));
      } catch (e) {
        if (e instanceof EnvelopeError) return fail(e);
        if (isDiskFull(e)) {
          deps.log.error({ requestId, err: (e as Error).message }, "disk full");
          return fail(diskFull(`${(e as Error).message} (requestId ${requestId})`));
        }
        deps.log.error({ requestId, err: (e as Error).stack ?? String(e) }, "unhandled error");
        fail(new EnvelopeError(500, "InternalError", `internal error in the runtime (requestId ${requestId})`));
      }
    })();
  });
  return server;
}
