import "server-only";
// What each audited action records, from the request the route wrapper already validated (and,
// for a create, its answer). File writes record path and size, never the content.
import type { AuditAction } from "@/lib/api/endpoints";
import { errorLine } from "@/lib/protocol/run-error";
import { auditText } from "./record";

type Input = { body: unknown; query: unknown; result: unknown };
type Detail = Record<string, unknown>;

/** Ids of a bulk action: all of them up to this many, then the count. */
const MAX_IDS = 1000;
// On a refused request the body may be missing or malformed: every reader below copes.
const ids = (v: unknown) => {
  const list = Array.isArray(v) ? v.map(String) : [];
  return list.length <= MAX_IDS ? { sessionIds: list } : { sessionIds: list.slice(0, MAX_IDS), count: list.length };
};
const rec = (v: unknown) => (v && typeof v === "object" ? (v as Record<string, unknown>) : {});
const text = (v: unknown) => (typeof v === "string" ? auditText(v) : undefined);

const DETAILS: Partial<Record<AuditAction, (i: Input) => Detail>> = {
  "session.create": ({ body }) => {
    const b = rec(body);
    return { imageId: b.imageId, labels: b.labels, idleTimeoutSeconds: b.idleTimeoutSeconds };
  },
  "session.bulk_delete": ({ body }) => ids(rec(body).sessionIds),
  "labels.replace": ({ body }) => ({ labels: rec(body).labels }),
  "labels.bulk": ({ body }) => {
    const b = rec(body);
    return { ...ids(b.sessionIds), set: b.set, remove: b.remove };
  },
  // How a run ended belongs to who-did-what: a request answered 200 may have run code that raised
  // or a command that failed. (A streamed run's error is added when its stream ends.)
  "code.run": ({ body, result }) => {
    const b = rec(body);
    const e = rec(rec(result).error);
    const error = typeof e.name === "string" ? errorLine({ name: e.name, value: String(e.value ?? "") }) : undefined;
    return { language: b.language, code: text(b.code), ...(error && { error }) };
  },
  "code.interrupt": ({ body }) => ({ language: rec(body).language }),
  "command.run": ({ body, result }) => {
    const b = rec(body);
    const r = rec(result);
    return {
      command: text(b.command),
      ...(b.cwd !== undefined && { cwd: b.cwd }),
      ...(typeof r.exitCode === "number" && { exitCode: r.exitCode }),
      ...(r.timedOut === true && { timedOut: true }),
    };
  },
  "file.write": ({ body }) => {
    const b = rec(body);
    return {
      path: b.path,
      bytes: typeof b.content === "string" ? Buffer.byteLength(b.content) : undefined,
      mode: b.mode,
    };
  },
  "file.delete": ({ query }) => {
    const q = rec(query);
    return { path: q.path, recursive: q.recursive === "1" };
  },
  "file.move": ({ body }) => {
    const b = rec(body);
    return { source: b.source, destination: b.destination };
  },
  "file.mkdir": ({ body }) => ({ path: rec(body).path }),
  "file.upload": ({ query }) => ({ dir: rec(query).dir }),
  "terminal.open": ({ body }) => {
    const b = rec(body);
    return { cols: b.cols, rows: b.rows };
  },
};

export function auditDetail(action: AuditAction, input: Input): Detail {
  return DETAILS[action]?.(input) ?? {};
}

/** The session a create made (its id is in the answer, not the URL). */
export function createdSessionId(result: unknown): string | null {
  const id = rec(result).sessionId;
  return typeof id === "string" ? id : null;
}
