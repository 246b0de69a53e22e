/**
 * Session and label persistence (better-sqlite3, synchronous). Released sessions are deleted: their
 * ids are random and never come back, so "not found" is the only answer for them.
 *
 * List cursor: `seq` is AUTOINCREMENT (never reused), pages walk `seq < cursor` newest first, so a
 * session created between pages (higher seq) is never shown twice and a released one is simply
 * skipped; the sessions that stay appear exactly once.
 */
import type { Statement } from "better-sqlite3";
import type { DB } from "./db";

export interface SessionRecord {
  seq: number;
  id: string;
  owner: string;
  imageId: string;
  createdMs: number;
  lastActivityMs: number;
  idleTimeoutS: number;
  expiresMs: number;
  token: string;
  slot: number | null;
  sandboxed: boolean;
  seeded: boolean;
  status: string;
}

export type Labels = Record<string, string>;

export interface NewSession {
  id: string;
  owner: string;
  imageId: string;
  nowMs: number;
  idleTimeoutS: number;
  token: string;
  slot: number | null;
  sandboxed: boolean;
  seeded?: boolean;
}

interface Row {
  seq: number;
  id: string;
  owner: string;
  image_id: string;
  created_ms: number;
  last_activity_ms: number;
  idle_timeout_s: number;
  expires_ms: number;
  token: string;
  slot: number | null;
  sandboxed: number;
  seeded: number;
  status: string;
}

const fromRow = (r: Row): SessionRecord => ({
  seq: r.seq,
  id: r.id,
  owner: r.owner,
  imageId: r.image_id,
  createdMs: r.created_ms,
  lastActivityMs: r.last_activity_ms,
  idleTimeoutS: r.idle_timeout_s,
  expiresMs: r.expires_ms,
  token: r.token,
  slot: r.slot,
  sandboxed: r.sandboxed === 1,
  seeded: r.seeded === 1,
  status: r.status,
});

export interface ListPage {
  items: SessionRecord[];
  count: number;
  /** seq to continue below, or null on the last page */
  nextSeq: number | null;
}

export class SessionStore {
  private readonly q;
  private readonly listStmts = new Map<string, Statement<unknown[]>>();
  constructor(private readonly db: DB) {
    this.q = {
      insert: db.prepare(
        `INSERT INTO sessions (id, owner, image_id, created_ms, last_activity_ms, idle_timeout_s, expires_ms, token, slot, sandboxed, seeded)
         VALUES (@id, @owner, @imageId, @nowMs, @nowMs, @idleTimeoutS, @expiresMs, @token, @slot, @sandboxed, @seeded)`,
      ),
      insertLabel: db.prepare(`INSERT INTO labels (seq, owner, key, value) VALUES (?, ?, ?, ?)`),
      deleteLabels: db.prepare(`DELETE FROM labels WHERE seq = ?`),
      labels: db.prepare(`SELECT key, value FROM labels WHERE seq = ? ORDER BY key`),
      byId: db.prepare(`SELECT * FROM sessions WHERE id = ?`),
      touch: db.prepare(
        `UPDATE sessions SET last_activity_ms = ?, expires_ms = ? + idle_timeout_s * 1000 WHERE id = ?`,
      ),
      setSlot: db.prepare(`UPDATE sessions SET slot = ? WHERE id = ?`),
      remove: db.prepare(`DELETE FROM sessions WHERE seq = ?`),
      expired: db.prepare(`SELECT id FROM sessions WHERE expires_ms <= ? ORDER BY expires_ms LIMIT 500`),
      all: db.prepare(`SELECT * FROM sessions ORDER BY seq`),
      usedSlots: db.prepare(`SELECT slot FROM sessions WHERE slot IS NOT NULL`),
    };
  }

  insert(s: NewSession, labels: Labels): SessionRecord {
    return this.db.transaction(() => {
      const info = this.q.insert.run({
        ...s,
        expiresMs: s.nowMs + s.idleTimeoutS * 1000,
        sandboxed: s.sandboxed ? 1 : 0,
        seeded: s.seeded ? 1 : 0,
      });
      const seq = Number(info.lastInsertRowid);
      for (const [k, v] of Object.entries(labels)) this.q.insertLabel.run(seq, s.owner, k, v);
      return this.get(s.id)!;
    })();
  }

  /** Inserts many seeded rows in one transaction (benchmarks). */
  insertMany(rows: { session: NewSession; labels: Labels }[]): void {
    this.db.transaction(() => {
      for (const r of rows) this.insert(r.session, r.labels);
    })();
  }

  get(id: string): SessionRecord | undefined {
    const r = this.q.byId.get(id) as Row | undefined;
    return r ? fromRow(r) : undefined;
  }

  /** The session if it exists and belongs to `owner`; another owner's session is "not found". */
  getOwned(owner: string, id: string): SessionRecord | undefined {
    const s = this.get(id);
    return s && s.owner === owner ? s : undefined;
  }

  labels(seq: number): Labels {
    const out: Labels = {};
    for (const r of this.q.labels.all(seq) as { key: string; value: string }[]) out[r.key] = r.value;
    return out;
  }

  setLabels(s: SessionRecord, labels: Labels): void {
    this.db.transaction(() => {
      this.q.deleteLabels.run(s.seq);
      for (const [k, v] of Object.entries(labels)) this.q.insertLabel.run(s.seq, s.owner, k, v);
    })();
  }

  touch(id: string, nowMs: number): void {
    this.q.touch.run(nowMs, nowMs, id);
  }

  setSlot(id: string, slot: number | null): void {
    this.q.setSlot.run(slot, id);
  }

  remove(s: SessionRecord): void {
    this.db.transaction(() => {
      this.q.deleteLabels.run(s.seq);
      this.q.remove.run(s.seq);
    })();
  }

  expiredIds(nowMs: number): string[] {
    return (this.q.expired.all(nowMs) as { id: string }[]).map((r) => r.id);
  }

  all(): SessionRecord[] {
    return (this.q.all.all() as Row[]).map(fromRow);
  }

  usedSlots(): number[] {
    return (this.q.usedSlots.all() as { slot: number }[]).map((r) => r.slot);
  }

  /** Newest first; `beforeSeq` is the cursor (exclusive); every filter pair must match. */
  list(owner: string, filter: Labels, beforeSeq: number | null, limit: number): ListPage {
    const pairs = Object.entries(filter);
    const params: (string | number)[] = [];
    let from: string;
    let where: string;
    let seqCol: string;
    if (pairs.length === 0) {
      from = `sessions s`;
      where = `s.owner = ?`;
      seqCol = `s.seq`;
      params.push(owner);
    } else {
      const joins = pairs
        .slice(1)
        .map((_, i) => `JOIN labels l${i + 1} ON l${i + 1}.seq = l0.seq AND l${i + 1}.key = ? AND l${i + 1}.value = ?`);
      from = `labels l0 ${joins.join(" ")} JOIN sessions s ON s.seq = l0.seq`;
      for (const [k, v] of pairs.slice(1)) params.push(k, v);
      where = `l0.owner = ? AND l0.key = ? AND l0.value = ?`;
      seqCol = `l0.seq`;
      params.push(owner, pairs[0][0], pairs[0][1]);
    }
    const count = (this.stmt(`SELECT count(*) AS n FROM ${from} WHERE ${where}`).get(...params) as { n: number }).n;
    const pageParams = [...params];
    let pageWhere = where;
    if (beforeSeq !== null) {
      pageWhere += ` AND ${seqCol} < ?`;
      pageParams.push(beforeSeq);
    }
    pageParams.push(limit + 1);
    const rows = this.stmt(`SELECT s.* FROM ${from} WHERE ${pageWhere} ORDER BY ${seqCol} DESC LIMIT ?`).all(
      ...pageParams,
    ) as Row[];
    const more = rows.length > limit;
    const items = (more ? rows.slice(0, limit) : rows).map(fromRow);
    return { items, count, nextSeq: more ? items[items.length - 1].seq : null };
  }

  private stmt(sql: string) {
    let st = this.listStmts.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      this.listStmts.set(sql, st);
    }
    return st;
  }
}
