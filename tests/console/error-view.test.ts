import { describe, expect, it } from "vitest";
import { errorView, isInterruption } from "@/components/console/error-view";
import { errorLine, splitError } from "@/lib/protocol/run-error";

describe("splitError", () => {
  it("splits AGB's flattened executionError back into name and value", () => {
    expect(splitError("ExecutionError", "ZeroDivisionError: division by zero")).toEqual({
      name: "ZeroDivisionError",
      value: "division by zero",
    });
    expect(splitError("ExecutionError", "KeyboardInterrupt")).toEqual({ name: "KeyboardInterrupt", value: "" });
    expect(splitError("Error", "Error: boom")).toEqual({ name: "Error", value: "boom" });
    expect(splitError("ExecutionError", "something went wrong badly")).toEqual({
      name: "ExecutionError",
      value: "something went wrong badly",
    });
  });
  it("keeps a specific name as it is", () => {
    expect(splitError("NameError", "name 'x' is not defined")).toEqual({
      name: "NameError",
      value: "name 'x' is not defined",
    });
  });
});

describe("errorLine", () => {
  it("gives the error's name and the first line of its value, without colours, for the audit record", () => {
    expect(
      errorLine({ name: "ExecutionError", value: "\u001b[0;31mZeroDivisionError\u001b[0m: division by zero" }),
    ).toBe("ZeroDivisionError: division by zero");
    expect(errorLine({ name: "ToolError", value: "line one\nline two" })).toBe("ToolError: line one");
    expect(errorLine({ name: "ExecutionError", value: "KeyboardInterrupt" })).toBe("KeyboardInterrupt");
    expect(errorLine({ name: "Error", value: "x".repeat(1000) })).toHaveLength(300);
  });
});

describe("errorView", () => {
  const tb = `${"-".repeat(40)}\nZeroDivisionError    Traceback (most recent call last)\n----> 4 divide(7)\n\nZeroDivisionError: division by zero\n`;
  it("adopts the last stderr chunk holding the error as its traceback", () => {
    const v = errorView({ name: "ExecutionError", value: "ZeroDivisionError: division by zero", traceback: "" }, [
      { stream: "stdout", text: "before\n" },
      { stream: "stderr", text: tb },
    ]);
    expect(v).toEqual({
      name: "ZeroDivisionError",
      value: "division by zero",
      traceback: tb.trim(),
      adoptedChunk: 1,
      adoptedPrefix: "",
    });
  });
  it("keeps stderr printed before the traceback out of it", () => {
    const dashes = "-".repeat(40);
    const v = errorView({ name: "ExecutionError", value: "KeyError: 'b'", traceback: "" }, [
      {
        stream: "stderr",
        text: `warning: cache is cold\n${dashes}\nKeyError    Traceback (most recent call last)\n----> 5 rows['b']\n\nKeyError: 'b'\n`,
      },
    ]);
    expect(v.adoptedPrefix).toBe("warning: cache is cold\n");
    expect(v.traceback.startsWith(dashes)).toBe(true);
    const r = errorView({ name: "ExecutionError", value: "Error: boom", traceback: "" }, [
      { stream: "stderr", text: "note\nError in eval(expr, envir, enclos): boom\nTraceback:\n" },
    ]);
    expect(r).toMatchObject({ name: "Error", value: "boom", adoptedPrefix: "note\n" });
    const js = errorView({ name: "ExecutionError", value: "ReferenceError: stop is not defined", traceback: "" }, [
      { stream: "stderr", text: "ReferenceError: stop is not defined\n    at cell:1:1\n" },
    ]);
    expect(js).toMatchObject({
      name: "ReferenceError",
      adoptedPrefix: "",
      traceback: "ReferenceError: stop is not defined\n    at cell:1:1",
    });
  });
  it("leaves unrelated stderr alone", () => {
    const v = errorView({ name: "ExecutionError", value: "ValueError: bad", traceback: "" }, [
      { stream: "stderr", text: "a warning\n" },
    ]);
    expect(v.adoptedChunk).toBeNull();
    expect(v.traceback).toBe("");
  });
  it("prefers a traceback the error carries, without ANSI codes", () => {
    const v = errorView({ name: "NameError", value: "x", traceback: "\u001b[31mline 1\u001b[0m" }, [
      { stream: "stderr", text: "x" },
    ]);
    expect(v).toMatchObject({ traceback: "line 1", adoptedChunk: null });
  });
});

describe("isInterruption", () => {
  it("recognises Stop but not a timeout", () => {
    expect(isInterruption({ name: "ExecutionError", value: "KeyboardInterrupt", traceback: "" })).toBe(true);
    expect(isInterruption({ name: "KeyboardInterrupt", value: "the execution was interrupted", traceback: "" })).toBe(
      true,
    );
    expect(
      isInterruption({
        name: "ExecutionError",
        value: "TimeoutError: execution exceeded 5s and was interrupted",
        traceback: "",
      }),
    ).toBe(false);
    expect(isInterruption(null)).toBe(false);
  });
});
