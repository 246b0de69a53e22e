import { describe, expect, it } from "vitest";
import { toCodeStreamEvent } from "@/components/console/code-stream-event";

describe("toCodeStreamEvent", () => {
  it("reads each event type", () => {
    expect(toCodeStreamEvent({ event: "stdout", data: '{"type":"stdout","chunk":"hi\\n"}' })).toEqual({
      type: "stdout",
      chunk: "hi\n",
    });
    expect(toCodeStreamEvent({ event: "result", data: '{"result":{"text/plain":"1"}}' })).toEqual({
      type: "result",
      result: { "text/plain": "1" },
    });
    expect(
      toCodeStreamEvent({ event: "error", data: '{"error":{"name":"NameError","value":"x","traceback":"tb"}}' }),
    ).toEqual({
      type: "error",
      error: { name: "NameError", value: "x", traceback: "tb" },
    });
    expect(
      toCodeStreamEvent({
        event: "end",
        data: '{"ok":true,"executionCount":3,"executionTimeS":0.01,"requestId":"r1"}',
      }),
    ).toEqual({
      type: "end",
      ok: true,
      executionCount: 3,
      executionTimeS: 0.01,
      requestId: "r1",
    });
  });

  it("rejects frames that are not JSON objects or have unknown types", () => {
    expect(() => toCodeStreamEvent({ event: "stdout", data: "not json" })).toThrow(/not JSON/);
    expect(() => toCodeStreamEvent({ event: "stdout", data: "[1]" })).toThrow(/non-object/);
    expect(() => toCodeStreamEvent({ event: "weird", data: "{}" })).toThrow(/unknown event "weird"/);
    expect(() => toCodeStreamEvent({ event: "result", data: '{"result":3}' })).toThrow(/MIME bundle/);
  });
});
