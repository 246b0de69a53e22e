import "server-only";
// Who is logging in, for the login limiter. A client can send any X-Forwarded-For, and Next's
// route handlers do not expose the socket: Next only fills X-Forwarded-For from the socket when
// the client sent none. So the server stamps every request with the socket's address in
// PEER_HEADER before Next sees it (installPeerAddressHeader, from instrumentation), overwriting
// whatever a client sent under that name. X-Forwarded-For is believed only when that peer is one
// of DASHBOARD_TRUSTED_PROXIES, and then only up to the first hop that is not a trusted proxy.
import http from "node:http";
import https from "node:https";
import net from "node:net";

export const PEER_HEADER = "x-agb-dashboard-peer";

const unmap = (a: string) => (a.startsWith("::ffff:") && net.isIPv4(a.slice(7)) ? a.slice(7) : a);

/** Parses `DASHBOARD_TRUSTED_PROXIES` entries (IPs or CIDR ranges); throws naming a bad one. */
export function trustedProxyList(entries: readonly string[]): net.BlockList {
  const list = new net.BlockList();
  for (const raw of entries) {
    const [addr, bits, extra] = raw.split("/");
    const family = net.isIPv4(addr) ? "ipv4" : net.isIPv6(addr) ? "ipv6" : null;
    const prefix = bits === undefined ? null : Number(bits);
    if (
      !family ||
      extra !== undefined ||
      (prefix !== null && !(Number.isInteger(prefix) && prefix >= 0 && prefix <= (family === "ipv4" ? 32 : 128)))
    )
      throw new Error(`"${raw}" is not an IP address or CIDR range`);
    if (prefix === null) list.addAddress(addr, family);
    else list.addSubnet(addr, prefix, family);
  }
  return list;
}

function isTrusted(list: net.BlockList, addr: string): boolean {
  const a = unmap(addr);
  const family = net.isIPv4(a) ? "ipv4" : net.isIPv6(a) ? "ipv6" : null;
  return family !== null && list.check(a, family);
}

/**
 * The client's address. Without the peer stamp (a server that did not run instrumentation, such
 * as handlers called in-process) every client shares the key "unknown".
 */
export function clientAddress(headers: Headers, trusted: net.BlockList | null): string {
  const peer = headers.get(PEER_HEADER)?.trim();
  if (!peer) return "unknown";
  if (!trusted || !isTrusted(trusted, peer)) return unmap(peer);
  const hops = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  // The right-most hop was added by the nearest proxy; walk left past the trusted ones.
  for (let i = hops.length - 1; i >= 0; i--) if (!isTrusted(trusted, hops[i])) return unmap(hops[i]).slice(0, 64);
  return unmap(hops[0] ?? peer).slice(0, 64);
}

const INSTALLED = Symbol.for("agb-dashboard.peer-header");

/** Stamps each incoming request with its socket address before any listener (Next) sees it. */
export function installPeerAddressHeader(): void {
  for (const Server of [http.Server, https.Server]) {
    const proto = Server.prototype as unknown as {
      emit: (event: string | symbol, ...args: unknown[]) => boolean;
      [INSTALLED]?: boolean;
    };
    if (proto[INSTALLED]) continue;
    proto[INSTALLED] = true;
    const emit = proto.emit;
    proto.emit = function (this: unknown, event: string | symbol, ...args: unknown[]) {
      if (event === "request") {
        const req = args[0] as http.IncomingMessage;
        req.headers[PEER_HEADER] = req.socket?.remoteAddress ?? "";
      }
      return emit.call(this, event, ...args);
    };
  }
}

let trusted: { key: string; list: net.BlockList | null } | null = null;

/** The requester's address (as above, with the configured trusted proxies) and user agent. */
export function requestClient(headers: Headers, trustedProxies: readonly string[]): { ip: string; userAgent: string } {
  const key = trustedProxies.join(",");
  if (trusted?.key !== key) trusted = { key, list: trustedProxies.length ? trustedProxyList(trustedProxies) : null };
  return { ip: clientAddress(headers, trusted.list), userAgent: headers.get("user-agent") ?? "" };
}
