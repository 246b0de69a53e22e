import { describe, expect, it } from "vitest";
import { stripAnsi } from "@/lib/protocol/run-error";

describe("stripAnsi", () => {
  it("removes IPython traceback colours and keeps the text", () => {
    const tb = "\u001b[0;31mNameError\u001b[0m: name \u001b[1;32m'x'\u001b[0m is not defined\u001b[39;49m";
    expect(stripAnsi(tb)).toBe("NameError: name 'x' is not defined");
  });
  it("removes OSC hyperlinks", () => {
    expect(stripAnsi("\u001b]8;;file:///a.py\u0007a.py\u001b]8;;\u0007")).toBe("a.py");
  });
  it("leaves plain text alone", () => {
    expect(stripAnsi("x [0] y")).toBe("x [0] y");
  });
});
