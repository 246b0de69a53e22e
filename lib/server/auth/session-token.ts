// Stateless session tokens: `v1.<expiry s>.<nonce>.<HMAC-SHA256>` signed with Web Crypto, so the
// same code verifies cookies in proxy.ts and in route handlers, on any number of instances that
// share the secret. Deliberately free of "server-only" and node: imports (proxy.ts imports it).
export const SESSION_COOKIE = "agb_dashboard_session";

/**
 * The session cookie's value from a raw Cookie header, for code that sees the request before Next
 * parses it (server.ts's upgrade and early-list paths). Decoded as Next decodes cookies: a value
 * that does not decode is taken as it is.
 */
export function sessionTokenFrom(cookieHeader: string | null | undefined): string | null {
  for (const part of (cookieHeader ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0 || part.slice(0, eq).trim() !== SESSION_COOKIE) continue;
    const value = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return null;
}

const enc = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  let k = keys.get(secret);
  if (!k) {
    k = crypto.subtle.importKey("raw", enc.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
      "sign",
      "verify",
    ]);
    if (keys.size > 8) keys.clear();
    keys.set(secret, k);
  }
  return k;
}

const b64url = (bytes: ArrayBuffer | Uint8Array) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

function fromB64url(s: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) return null;
  const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((s.length + 3) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export async function signSessionToken(
  secret: string,
  ttlS: number,
  nowMs = Date.now(),
): Promise<{ token: string; expiresAt: Date }> {
  const exp = Math.floor(nowMs / 1000) + ttlS;
  const nonce = b64url(crypto.getRandomValues(new Uint8Array(12)));
  const payload = `v1.${exp}.${nonce}`;
  const sig = await crypto.subtle.sign("HMAC", await hmacKey(secret), enc.encode(payload));
  return { token: `${payload}.${b64url(sig)}`, expiresAt: new Date(exp * 1000) };
}

/** True when the token is ours, untampered and not expired. */
export async function verifySessionToken(
  secret: string,
  token: string | undefined | null,
  nowMs = Date.now(),
): Promise<boolean> {
  if (!token || token.length > 200) return false;
  const parts = token.split(".");
  if (parts.length !== 4 || parts[0] !== "v1") return false;
  const exp = Number(parts[1]);
  if (!Number.isInteger(exp) || exp * 1000 <= nowMs) return false;
  const sig = fromB64url(parts[3]);
  if (!sig) return false;
  // subtle.verify compares in constant time.
  return crypto.subtle.verify("HMAC", await hmacKey(secret), sig, enc.encode(parts.slice(0, 3).join(".")));
}
