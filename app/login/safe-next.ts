// Where to go after login. `?next=` is attacker-controlled, so it is parsed as a browser would
// (WHATWG URL: tabs and newlines dropped, `\` read as `/`, dot segments resolved) against a fixed
// origin, and only a path on that same origin is kept. The answer is the *normalised* path, so
// nothing a browser reads differently from us (e.g. `/.//evil.com` → `//evil.com`) survives.
// Shared by proxy.ts and the login form (browser), hence no server-only imports.
const BASE = "http://dashboard.invalid";

export function safeNextPath(raw: string | null | undefined): string {
  if (!raw || raw.length > 2048 || !raw.startsWith("/")) return "/";
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return "/";
  }
  if (url.origin !== BASE || url.username || url.password) return "/";
  const path = url.pathname;
  // A path starting `//` (or `/\`) is protocol-relative to whoever follows it.
  if (path.startsWith("//") || path.startsWith("/\\") || path === "/login" || path.startsWith("/login/")) return "/";
  return `${path}${url.search}${url.hash}`;
}
