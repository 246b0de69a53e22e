import "server-only";
// The sessions page's ListSession call, started the moment its document request reaches the
// server (server.ts) instead of once Next has routed it, checked the login and begun to render:
// that took 10–40 ms, and the rows wait for AGB's answer. The request is stamped with an id
// (EARLY_LIST_HEADER; a value a client sent under that name is dropped), and the page takes the
// answer by it (app/sessions/page.tsx); without one the page makes the call itself.
//
// Only a document load of /sessions with a validly signed login cookie starts a call, so a stranger
// costs no AGB call. Whether that login still exists, and its role, the page checks as always
// before it renders anything: an answer it never takes is dropped after UNCLAIMED_MS.
import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { InitialList } from "@/components/sessions/use-sessions-list";
import { readSessionSecret } from "../auth/secret";
import { sessionTokenFrom, verifySessionToken } from "../auth/session-token";
import { processGlobal } from "../process-global";
import { prefetchSessionsList } from "./prefetch";

export const EARLY_LIST_HEADER = "x-agb-dashboard-early-list";
const UNCLAIMED_MS = 10_000;

// server.ts's copy of this module starts the calls, the page's copy takes them.
const started = processGlobal("early-lists", () => new Map<string, Promise<InitialList | null>>());

/** Starts the list call for a document load of /sessions by a signed-in user (see above). */
export function startEarlyList(req: IncomingMessage): void {
  delete req.headers[EARLY_LIST_HEADER];
  if (req.method !== "GET" || !req.headers.accept?.includes("text/html")) return;
  const url = new URL(req.url ?? "/", "http://dashboard");
  if (url.pathname !== "/sessions") return;
  const token = sessionTokenFrom(req.headers.cookie);
  const secret = token ? readSessionSecret() : null;
  if (!token || !secret) return;
  const id = randomUUID();
  const answer = verifySessionToken(secret, token).then(
    (ok) => (ok ? prefetchSessionsList(url.searchParams) : null),
    () => null,
  );
  started.set(id, answer);
  setTimeout(() => started.delete(id), UNCLAIMED_MS).unref();
  req.headers[EARLY_LIST_HEADER] = id;
}

/** The answer of the call started for this request, once; undefined when none was. */
export function takeEarlyList(id: string | null): Promise<InitialList | null> | undefined {
  const answer = id ? started.get(id) : undefined;
  if (id) started.delete(id);
  return answer;
}
