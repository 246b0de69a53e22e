import { describe, expect, it } from "vitest";
import { initialCursor, pushHistory, stepHistory } from "@/components/console/command-history";
import { envObject, envProblem } from "@/components/console/env-editor";

describe("command history navigation", () => {
  const entries = ["ls", "pwd", "echo hi"];

  it("walks up from the newest and back down to the draft being typed", () => {
    let s = stepHistory(entries, initialCursor, "ec", "up")!;
    expect(s.value).toBe("echo hi");
    s = stepHistory(entries, s.cursor, s.value, "up")!;
    expect(s.value).toBe("pwd");
    s = stepHistory(entries, s.cursor, s.value, "down")!;
    expect(s.value).toBe("echo hi");
    s = stepHistory(entries, s.cursor, s.value, "down")!;
    expect(s).toEqual({ cursor: initialCursor, value: "ec" });
  });

  it("stops at the oldest entry and ignores Down while not walking", () => {
    let s = stepHistory(entries, initialCursor, "", "up")!;
    s = stepHistory(entries, s.cursor, "", "up")!;
    s = stepHistory(entries, s.cursor, "", "up")!;
    expect(s.value).toBe("ls");
    expect(stepHistory(entries, s.cursor, "", "up")).toBeNull();
    expect(stepHistory(entries, initialCursor, "", "down")).toBeNull();
    expect(stepHistory([], initialCursor, "", "up")).toBeNull();
  });

  it("moves a repeated command to the end and bounds the list", () => {
    expect(pushHistory(["a", "b", "c"], " a ")).toEqual(["b", "c", "a"]);
    expect(pushHistory(["a"], "   ")).toEqual(["a"]);
    expect(pushHistory(["a", "b", "c"], "d", 3)).toEqual(["b", "c", "d"]);
  });
});

describe("environment rows", () => {
  const row = (key: string, value: string, id = 1) => ({ id, key, value });
  it("accepts valid names and ignores empty rows", () => {
    expect(envProblem([row("A_1", "x"), row("", "", 2)])).toBeNull();
    expect(envObject([row("A_1", "x;'\"!"), row("", "", 2)])).toEqual({ A_1: "x;'\"!" });
  });
  it("names what is wrong", () => {
    expect(envProblem([row("1A", "x")])).toMatch(/"1A" is not a valid variable name/);
    expect(envProblem([row("", "v")])).toMatch(/has no name/);
    expect(envProblem([row("A", "1"), row("A", "2", 2)])).toMatch(/"A" is set twice/);
  });
});
