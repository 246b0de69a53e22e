import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { codeHistory } from "@/components/console/use-code-history";
import { applyEvent, newRun } from "@/components/console/run-record";

// The store outside React (no window: no localStorage, history lives in memory).
describe("codeHistory.begin: a started run is busy at once and drawn with its first event", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("counts as busy before it is in the list, and enters the list with its first event", () => {
    const run = newRun("python", "print(1)");
    codeHistory.begin("s-first-event", run);
    expect(codeHistory.isBusy("s-first-event", "python")).toBe(true);
    expect(codeHistory.isBusy("s-first-event", "javascript")).toBe(false);
    expect(codeHistory.find("s-first-event", "python", run.id)).toBeUndefined();

    codeHistory.update("s-first-event", "python", run.id, (r) => applyEvent(r, { type: "stdout", chunk: "1\n" }));
    expect(codeHistory.find("s-first-event", "python", run.id)?.output).toEqual([{ stream: "stdout", text: "1\n" }]);
    vi.runAllTimers(); // the later timer does not add it twice
    expect(codeHistory.find("s-first-event", "python", run.id)).toBeDefined();
    codeHistory.update("s-first-event", "python", run.id, (r) =>
      applyEvent(r, { type: "end", ok: true, executionCount: 1, executionTimeS: 0.01, requestId: "r1" }),
    );
    expect(codeHistory.isBusy("s-first-event", "python")).toBe(false);
    expect(codeHistory.find("s-first-event", "python", run.id)?.status).toBe("ok");
  });

  it("enters the list as running after a moment when no event has come", () => {
    const run = newRun("python", "import time; time.sleep(5)");
    codeHistory.begin("s-slow", run);
    expect(codeHistory.find("s-slow", "python", run.id)).toBeUndefined();
    vi.advanceTimersByTime(150);
    expect(codeHistory.find("s-slow", "python", run.id)?.status).toBe("running");
    expect(codeHistory.isBusy("s-slow", "python")).toBe(true);
  });
});
