import { describe, expect, it } from "vitest";
import { SseParser } from "@/components/console/sse-parser";

const feedAll = (chunks: string[]) => {
  const p = new SseParser();
  const out = chunks.flatMap((c) => p.push(c));
  return [...out, ...p.end()];
};

describe("SseParser", () => {
  it("parses event and data frames separated by blank lines", () => {
    expect(feedAll(['event: stdout\ndata: {"chunk":"a"}\n\nevent: end\ndata: {}\n\n'])).toEqual([
      { event: "stdout", data: '{"chunk":"a"}' },
      { event: "end", data: "{}" },
    ]);
  });

  it("reassembles a frame split at every possible byte boundary", () => {
    const text = 'event: stderr\r\ndata: {"chunk":"x"}\r\n\r\n';
    for (let i = 1; i < text.length; i++) {
      expect(feedAll([text.slice(0, i), text.slice(i)])).toEqual([{ event: "stderr", data: '{"chunk":"x"}' }]);
    }
  });

  it("joins multi-line data with newlines, ignores comments and defaults the event name", () => {
    expect(feedAll([": keep-alive\n\ndata: one\ndata:two\n\n"])).toEqual([{ event: "message", data: "one\ntwo" }]);
  });

  it("handles lone CR line endings", () => {
    expect(feedAll(["event: a\rdata: 1\r\r"])).toEqual([{ event: "a", data: "1" }]);
  });

  it("keeps a final frame that lacks its blank line at end of stream", () => {
    expect(feedAll(["event: end\ndata: {}"])).toEqual([{ event: "end", data: "{}" }]);
  });

  it("does not emit frames without data", () => {
    expect(feedAll(["event: nothing\n\n"])).toEqual([]);
  });
});
