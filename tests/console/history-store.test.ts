import { describe, expect, it } from "vitest";
import {
  LIMITS,
  historyKey,
  loadHistory,
  saveHistory,
  trimRun,
  type KeyValueStorage,
} from "@/components/console/history-store";
import { applyEvent, newRun, type RunRecord } from "@/components/console/run-record";

// The storage-full path runs against Chromium's real localStorage in e2e/browser-modules.spec.ts.
class MemoryStorage implements KeyValueStorage {
  map = new Map<string, string>();
  get length() {
    return this.map.size;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}

const done = (code: string, out = ""): RunRecord =>
  applyEvent(applyEvent(newRun("python", code), { type: "stdout", chunk: out }), {
    type: "end",
    ok: true,
    executionCount: 1,
    executionTimeS: 0.01,
    requestId: "r",
  });

describe("history store", () => {
  it("round-trips runs per session and language", () => {
    const s = new MemoryStorage();
    saveHistory(s, "s1", "python", [done("print(1)", "1\n")]);
    expect(loadHistory(s, "s1", "python").map((r) => r.code)).toEqual(["print(1)"]);
    expect(loadHistory(s, "s1", "r")).toEqual([]);
    expect(loadHistory(s, "s2", "python")).toEqual([]);
  });

  it("keeps at most LIMITS.runs runs, newest last", () => {
    const s = new MemoryStorage();
    const runs = Array.from({ length: LIMITS.runs + 5 }, (_, i) => done(`print(${i})`));
    saveHistory(s, "s1", "python", runs);
    const loaded = loadHistory(s, "s1", "python");
    expect(loaded).toHaveLength(LIMITS.runs);
    expect(loaded.at(-1)?.code).toBe(`print(${LIMITS.runs + 4})`);
  });

  it("trims a huge output instead of storing it whole", () => {
    const big = done("for i in range(10**6): print(i)", "x".repeat(LIMITS.runChars * 2));
    const t = trimRun(big);
    expect(t.trimmed).toBe(true);
    expect(JSON.stringify(t).length).toBeLessThan(LIMITS.runChars);
  });

  it("marks a run left running by a reload as interrupted", () => {
    const s = new MemoryStorage();
    saveHistory(s, "s1", "python", [newRun("python", "while True: pass")]);
    expect(loadHistory(s, "s1", "python")[0].status).toBe("interrupted");
  });

  it("forgets the least recently saved sessions beyond LIMITS.sessions", () => {
    const s = new MemoryStorage();
    for (let i = 0; i < LIMITS.sessions + 3; i++) saveHistory(s, `s${i}`, "python", [done("1")], 1000 + i);
    expect(loadHistory(s, "s0", "python")).toEqual([]);
    expect(loadHistory(s, `s${LIMITS.sessions + 2}`, "python")).toHaveLength(1);
    const sessions = new Set([...s.map.keys()].map((k) => k.split(":")[3]));
    expect(sessions.size).toBeLessThanOrEqual(LIMITS.sessions);
  });

  it("ignores corrupt entries", () => {
    const s = new MemoryStorage();
    s.setItem(historyKey("s1", "python"), "{nope");
    expect(loadHistory(s, "s1", "python")).toEqual([]);
  });
});

describe("applyEvent", () => {
  it("merges consecutive chunks of one stream and keeps the order of streams", () => {
    let r = newRun("python", "x", 0);
    for (const ev of [
      { type: "stdout", chunk: "a" },
      { type: "stdout", chunk: "b" },
      { type: "stderr", chunk: "E" },
      { type: "stdout", chunk: "c" },
    ] as const)
      r = applyEvent(r, ev);
    expect(r.output).toEqual([
      { stream: "stdout", text: "ab" },
      { stream: "stderr", text: "E" },
      { stream: "stdout", text: "c" },
    ]);
  });

  it("ends as error when an error event came, and records timing", () => {
    let r = newRun("python", "1/0", 100);
    r = applyEvent(r, {
      type: "error",
      error: { name: "ZeroDivisionError", value: "division by zero", traceback: "" },
    });
    r = applyEvent(r, { type: "end", ok: false, executionCount: 2, executionTimeS: 0.002, requestId: "q" }, 150);
    expect(r).toMatchObject({ status: "error", executionCount: 2, clientMs: 50, requestId: "q" });
  });

  it("ends as interrupted on KeyboardInterrupt", () => {
    let r = newRun("python", "while 1: pass", 0);
    r = applyEvent(r, { type: "error", error: { name: "KeyboardInterrupt", value: "", traceback: "" } });
    r = applyEvent(r, { type: "end", ok: false, executionCount: 3, executionTimeS: 1, requestId: "q" });
    expect(r.status).toBe("interrupted");
  });
});
