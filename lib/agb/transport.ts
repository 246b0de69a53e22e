import "server-only";
// The single HTTP transport of the AGB client: bearer auth, JSON, connect + read timeouts,
// keep-alive sockets, and retries with backoff for idempotent reads only.
import http from "node:http";
import https from "node:https";
import { AgbError } from "./errors";
import { requestIdOf } from "./envelope";
import { jitteredBackoff, throttleOf } from "./throttle";
import { encodeQuery, joinPath, normaliseEndpoint, type QueryValue } from "./query";

export interface TransportConfig {
  endpoint: string;
  apiKey: string;
  /** Whole-request timeout (the SDK's AGB_TIMEOUT_MS), default 60 s. */
  timeoutMs?: number;
  /** Time allowed to open the TCP/TLS connection, default min(10 s, timeoutMs). */
  connectTimeoutMs?: number;
  /** Extra attempts for idempotent reads after a network failure or 502/503/504, default 2. */
  retries?: number;
  /** Extra attempts of any request AGB throttled (it did no work for it), default 2. */
  throttleRetries?: number;
  /** Longest single wait before such an attempt; a longer Retry-After goes back to the caller. Default 2 s. */
  throttleMaxWaitMs?: number;
  maxSockets?: number;
}

export interface WireRequest {
  method: "GET" | "POST";
  path: string;
  query?: Record<string, QueryValue>;
  /** JSON body; `undefined` sends no body (SetLabel), still with Content-Type: application/json. */
  body?: unknown;
  /** Safe to retry: reads that change nothing. */
  idempotent?: boolean;
  /** Overrides the whole-request timeout for this call (long tool runs). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface WireResponse {
  status: number;
  /** Parsed JSON, or the raw text when the body is not JSON. */
  body: unknown;
  isJson: boolean;
  headerRequestId: string;
  /** The Retry-After header, "" when absent. */
  retryAfter: string;
}

export interface Transport {
  request(req: WireRequest): Promise<WireResponse>;
  readonly baseUrl: URL;
  close(): void;
}

const MAX_BODY_BYTES = 64 * 1024 * 1024;
const RETRYABLE_STATUS = new Set([502, 503, 504]);

export function createTransport(cfg: TransportConfig): Transport {
  const base = normaliseEndpoint(cfg.endpoint);
  const timeoutMs = cfg.timeoutMs ?? 60_000;
  const connectTimeoutMs = cfg.connectTimeoutMs ?? Math.min(10_000, timeoutMs);
  const retries = cfg.retries ?? 2;
  const throttleRetries = cfg.throttleRetries ?? 2;
  const throttleMaxWaitMs = cfg.throttleMaxWaitMs ?? 2_000;
  const isHttps = base.protocol === "https:";
  // An idle keep-alive socket is dropped after 4 s, before servers' usual 5 s keep-alive timeout:
  // reusing a socket the server is closing fails a non-idempotent call with ECONNRESET.
  const agentOpts = { keepAlive: true, maxSockets: cfg.maxSockets ?? 64, timeout: 4_000 };
  const agent = isHttps ? new https.Agent(agentOpts) : new http.Agent(agentOpts);
  // Never show credentials embedded in the endpoint in an error message.
  const where = `${base.protocol}//${base.host}${base.pathname}`;

  function once(req: WireRequest): Promise<WireResponse> {
    const url = joinPath(base, req.path);
    const qs = encodeQuery(req.query);
    const payload = req.body === undefined ? undefined : Buffer.from(JSON.stringify(req.body));
    const limit = req.timeoutMs ?? timeoutMs;
    return new Promise<WireResponse>((resolve, reject) => {
      let settled = false;
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(readTimer);
        clearTimeout(connectTimer);
        req.signal?.removeEventListener("abort", onAbort);
        fn();
      };
      const r = (isHttps ? https : http).request(
        {
          protocol: url.protocol,
          hostname: url.hostname,
          port: url.port,
          path: `${url.pathname}${qs}`,
          method: req.method,
          agent,
          headers: {
            authorization: `Bearer ${cfg.apiKey}`,
            "content-type": "application/json",
            accept: "application/json",
            ...(payload ? { "content-length": String(payload.length) } : { "content-length": "0" }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on("data", (c: Buffer) => {
            size += c.length;
            if (size > MAX_BODY_BYTES) {
              res.destroy();
              finish(() =>
                reject(new AgbError("protocol", `AGB answered ${req.path} with more than ${MAX_BODY_BYTES} bytes`)),
              );
              return;
            }
            chunks.push(c);
          });
          res.on("error", (e) => finish(() => reject(networkError(e, req.path))));
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            let body: unknown = text;
            let isJson = false;
            if (text.length > 0) {
              try {
                body = JSON.parse(text);
                isJson = true;
              } catch {
                /* keep the raw text: the SDK reports it as the error message */
              }
            }
            const hdr = res.headers["x-request-id"];
            const retryAfter = res.headers["retry-after"];
            finish(() =>
              resolve({
                status: res.statusCode ?? 0,
                body,
                isJson,
                headerRequestId: typeof hdr === "string" ? hdr : "",
                retryAfter: typeof retryAfter === "string" ? retryAfter : "",
              }),
            );
          });
        },
      );
      const connectTimer = setTimeout(() => {
        r.destroy();
        finish(() =>
          reject(new AgbError("timeout", `Could not connect to AGB at ${where} within ${connectTimeoutMs} ms`)),
        );
      }, connectTimeoutMs);
      r.on("socket", (s) => {
        // A reused keep-alive socket is already connected.
        if (!s.connecting) clearTimeout(connectTimer);
        else s.once(isHttps ? "secureConnect" : "connect", () => clearTimeout(connectTimer));
      });
      const readTimer = setTimeout(() => {
        r.destroy();
        finish(() => reject(new AgbError("timeout", `AGB did not answer ${req.path} within ${limit} ms`)));
      }, limit);
      const onAbort = () => {
        r.destroy();
        finish(() => reject(new AgbError("timeout", `The call to ${req.path} was cancelled`)));
      };
      if (req.signal?.aborted) onAbort();
      req.signal?.addEventListener("abort", onAbort, { once: true });
      r.on("error", (e) => finish(() => reject(networkError(e, req.path))));
      if (payload) r.write(payload);
      r.end();
    });
  }

  function networkError(e: Error & { code?: string }, path: string): AgbError {
    const why =
      e.code === "ECONNREFUSED" ? "connection refused" : e.code === "ENOTFOUND" ? "host not found" : e.message;
    return new AgbError("network", `Cannot reach AGB at ${where} (${path}): ${why}`, {
      code: e.code ?? "network",
      cause: e,
    });
  }

  return {
    baseUrl: base,
    async request(req) {
      let attempt = 0;
      let throttled = 0;
      for (;;) {
        try {
          const res = await once(req);
          const th = throttleOf(res);
          if (th) {
            throttled++;
            const wait = Math.max(th.retryAfterMs, jitteredBackoff(throttled, 250, throttleMaxWaitMs));
            if (throttled > throttleRetries || wait > throttleMaxWaitMs || req.signal?.aborted) {
              const requestId = requestIdOf(res);
              const retryAfterMs = Math.max(wait, jitteredBackoff(throttled + 1, 1_000, 30_000));
              throw new AgbError(
                "throttled",
                `AGB is limiting requests (${th.code}); try again in ${Math.ceil(retryAfterMs / 1000)} s`,
                {
                  code: th.code,
                  requestId,
                  httpStatus: res.status,
                  retryAfterMs,
                },
              );
            }
            await sleep(wait);
            continue;
          }
          if (req.idempotent && attempt < retries && RETRYABLE_STATUS.has(res.status)) {
            attempt++;
            await sleep(backoff(attempt));
            continue;
          }
          return res;
        } catch (e) {
          if (e instanceof AgbError && e.kind === "throttled") throw e;
          const retryable = e instanceof AgbError && e.kind === "network" && req.idempotent && !req.signal?.aborted;
          if (!retryable || attempt >= retries) throw e;
          attempt++;
          await sleep(backoff(attempt));
        }
      }
    },
    close() {
      agent.destroy();
    },
  };
}

const backoff = (attempt: number) => 100 * 3 ** (attempt - 1) + Math.floor(Math.random() * 50);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
