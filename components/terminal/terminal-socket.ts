// A terminal's WebSocket to the dashboard (lib/server/terminal/socket-relay.ts): output arrives as
// binary frames (UTF-8, written to xterm as they are), keystrokes and resizes go as JSON frames.
// A socket lost while the terminal runs (the dashboard restarted, the network dropped) is opened
// again with backoff; the relay then replays the recent output.
import { terminalSocketPath } from "@/lib/api/endpoints";
import { terminalServerFrame, type TerminalClientFrame } from "@/lib/api/schemas/terminal";

export interface TerminalHandlers {
  output(data: string): void;
  /** Before a reconnect's replay. */
  reset(): void;
  exit(reason: string): void;
  /** A problem to show under the terminal, or null when it has passed. */
  note(message: string | null): void;
}

const RETRY_MS = [500, 1000, 2000, 5000, 10_000];
const INPUT_PIECE = 256 * 1024;

export class TerminalConnection {
  private ws: WebSocket | null = null;
  /** Keystrokes typed while the socket is (re)connecting, sent when it opens. */
  private queued = "";
  private size: { cols: number; rows: number } | null = null;
  private done = false;
  private attempts = 0;
  private retry: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly sessionId: string,
    private readonly terminalId: string,
    private readonly on: TerminalHandlers,
  ) {
    this.connect();
  }

  private connect() {
    const proto = location.protocol === "https:" ? "wss:" : "ws:";
    const ws = new WebSocket(`${proto}//${location.host}${terminalSocketPath(this.sessionId, this.terminalId)}`);
    ws.binaryType = "arraybuffer";
    this.ws = ws;
    // The browser's own UTF-8 decoder (native, streaming: a character split across frames is
    // kept for the next one) is faster than xterm's, which a 50 MB flood would otherwise run in JS.
    const utf8 = new TextDecoder();
    let got = false;
    ws.onopen = () => {
      if (this.attempts > 0) this.on.reset();
      if (this.size) this.send({ type: "resize", ...this.size });
      const queued = this.queued;
      this.queued = "";
      if (queued) this.input(queued);
    };
    ws.onmessage = (ev: MessageEvent<ArrayBuffer | string>) => {
      if (typeof ev.data !== "string") {
        // Output (the replay comes first): this connection works.
        if (!got) {
          got = true;
          this.attempts = 0;
          this.on.note(null);
        }
        return this.on.output(utf8.decode(ev.data, { stream: true }));
      }
      let f;
      try {
        f = terminalServerFrame.parse(JSON.parse(ev.data));
      } catch {
        return; // not a frame this page knows
      }
      if (f.type === "exit") {
        this.done = true;
        this.on.exit(f.reason);
      } else this.on.note(f.requestId ? `${f.message} (requestId ${f.requestId})` : f.message);
    };
    ws.onclose = () => {
      if (this.done || this.ws !== ws) return;
      const wait = RETRY_MS[Math.min(this.attempts, RETRY_MS.length - 1)];
      this.attempts++;
      if (this.attempts > 1 && !got)
        this.on.note(`The terminal's connection was lost; reconnecting in ${wait / 1000} s...`);
      this.retry = setTimeout(() => this.connect(), wait);
    };
  }

  private send(f: TerminalClientFrame) {
    this.ws?.send(JSON.stringify(f));
  }

  input(data: string) {
    if (this.done) return;
    if (this.ws?.readyState !== WebSocket.OPEN) return void (this.queued += data);
    // A large paste goes in pieces the relay accepts (an input frame holds at most 1,000,000 characters).
    // A cut never splits a surrogate pair (each piece must stay valid text).
    for (let i = 0; i < data.length;) {
      let end = Math.min(i + INPUT_PIECE, data.length);
      if (end < data.length && /[\ud800-\udbff]/.test(data[end - 1])) end--;
      this.send({ type: "input", data: data.slice(i, end) });
      i = end;
    }
  }

  resize(size: { cols: number; rows: number }) {
    this.size = size;
    if (this.ws?.readyState === WebSocket.OPEN) this.send({ type: "resize", ...size });
  }

  close() {
    this.done = true;
    clearTimeout(this.retry);
    this.ws?.close();
    this.ws = null;
  }
}
