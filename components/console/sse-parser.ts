// Incremental parser for Server-Sent Events read through fetch (EventSource cannot POST).
// Follows the WHATWG framing rules that matter here: frames end at a blank line, lines end in
// \n, \r\n or \r, `data:` lines join with \n, `:` lines are comments, one optional space after
// the colon is dropped. Chunks may split anywhere, including between \r and \n.

export interface SseFrame {
  event: string;
  data: string;
}

export class SseParser {
  private buffer = "";
  private event = "";
  private data: string[] = [];
  private hasData = false;
  private pendingCr = false;

  /** Feed the next decoded text chunk; returns the frames it completed. */
  push(chunk: string): SseFrame[] {
    let text = chunk;
    if (this.pendingCr && text.startsWith("\n")) text = text.slice(1);
    this.pendingCr = false;
    this.buffer += text;
    const frames: SseFrame[] = [];
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const ch = this.buffer[i];
      if (ch !== "\n" && ch !== "\r") continue;
      const line = this.buffer.slice(start, i);
      if (ch === "\r") {
        if (i + 1 === this.buffer.length) this.pendingCr = true;
        else if (this.buffer[i + 1] === "\n") i++;
      }
      start = i + 1;
      const frame = this.line(line);
      if (frame) frames.push(frame);
    }
    this.buffer = this.buffer.slice(start);
    return frames;
  }

  /** Call at end of stream: a final frame without its blank line still counts. */
  end(): SseFrame[] {
    const frames: SseFrame[] = [];
    if (this.buffer) {
      const frame = this.line(this.buffer);
      if (frame) frames.push(frame);
      this.buffer = "";
    }
    const last = this.line("");
    if (last) frames.push(last);
    return frames;
  }

  private line(line: string): SseFrame | null {
    if (line === "") {
      if (!this.hasData) {
        this.event = "";
        return null;
      }
      const frame = { event: this.event || "message", data: this.data.join("\n") };
      this.event = "";
      this.data = [];
      this.hasData = false;
      return frame;
    }
    if (line.startsWith(":")) return null;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") this.event = value;
    else if (field === "data") {
      this.data.push(value);
      this.hasData = true;
    }
    return null;
  }
}
