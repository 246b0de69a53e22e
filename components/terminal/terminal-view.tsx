"use client";
// One terminal: xterm.js on the dashboard's terminal WebSocket (terminal-socket.ts): its recent
// output first, then live; keystrokes and resizes go back on the same socket. Loaded lazily (xterm
// is ~300 KB) by terminal-tab.tsx.
import { useEffect, useRef, useState } from "react";
import { Terminal } from "@xterm/xterm";
import { FitAddon } from "@xterm/addon-fit";
import { WebLinksAddon } from "@xterm/addon-web-links";
import "@xterm/xterm/css/xterm.css";
import { TerminalConnection } from "./terminal-socket";

const THEME_DARK = { background: "#0b0d12", foreground: "#e6e6e6", cursor: "#e6e6e6", selectionBackground: "#3a4a6b" };
const THEME_LIGHT = { background: "#fbfbfc", foreground: "#1b1d22", cursor: "#1b1d22", selectionBackground: "#bcd0f5" };

export interface TerminalViewProps {
  sessionId: string;
  terminalId: string;
  active: boolean;
  onExit: (reason: string) => void;
}

export default function TerminalView({ sessionId, terminalId, active, onExit }: TerminalViewProps) {
  const host = useRef<HTMLDivElement>(null);
  const term = useRef<{ t: Terminal; fit: FitAddon } | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const onExitRef = useRef(onExit);
  useEffect(() => {
    onExitRef.current = onExit;
  }, [onExit]);

  useEffect(() => {
    const el = host.current!;
    const dark = document.documentElement.dataset.theme === "dark";
    const t = new Terminal({
      fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace",
      fontSize: 13,
      scrollback: 5000,
      // A steady cursor: a blinking one is redrawn on every key press, and the frame that asks for
      // makes Chromium hold back the echo's message until after it, so the echo was painted a frame
      // later (bench:terminal: echo painted p50 24 ms blinking, 9 ms steady, same box).
      cursorBlink: false,
      theme: dark ? THEME_DARK : THEME_LIGHT,
      screenReaderMode: false,
    });
    const fit = new FitAddon();
    t.loadAddon(fit);
    t.loadAddon(new WebLinksAddon((_e, uri) => window.open(uri, "_blank", "noopener,noreferrer")));
    t.open(el);
    el.style.background = (dark ? THEME_DARK : THEME_LIGHT).background;
    t.textarea?.setAttribute("aria-label", "Terminal input");
    term.current = { t, fit };

    // A lone echo is written at once. Output that arrives while xterm still parses the last write
    // waits for the next frame and goes in one write: each frame of a flood then parses what came
    // since the last one and draws once. Writing it at once would make xterm parse in 12 ms slices
    // with a redraw between each, which on a slow machine spends much of the flood drawing.
    // Each parsed write is announced on the element (`terminal-parsed`), for benches and tests that
    // time output into xterm's buffer apart from its painting.
    let pending: string[] = [];
    let writing = false;
    let frame = 0;
    const parsed = () => el.dispatchEvent(new Event("terminal-parsed", { bubbles: true }));
    const flush = () => {
      const data = pending.join("");
      pending = [];
      t.write(data, written);
    };
    const written = () => {
      parsed();
      if (!pending.length) return void (writing = false);
      // A hidden tab gets no frames: its output must not pile up until it is shown again.
      if (document.hidden) flush();
      else frame = requestAnimationFrame(flush);
    };
    const write = (data: string) => {
      if (writing) return void pending.push(data);
      writing = true;
      t.write(data, written);
    };

    const conn = new TerminalConnection(sessionId, terminalId, {
      output: write,
      // A reconnect replays the recent output: start from a clean screen.
      reset: () => {
        pending = [];
        t.reset();
      },
      exit: (reason) => {
        write(`\r\n\x1b[2m[terminal ended: ${reason}]\x1b[0m\r\n`);
        t.options.disableStdin = true;
        onExitRef.current(reason);
      },
      note: setNote,
    });
    const typed = t.onData((d) => conn.input(d));

    let sentSize = "";
    let resizeTimer: ReturnType<typeof setTimeout> | undefined;
    const fitNow = () => {
      if (!el.offsetParent) return; // hidden tab: keep the last size
      try {
        fit.fit();
      } catch {
        return;
      }
      const size = `${t.cols}x${t.rows}`;
      if (size === sentSize) return;
      sentSize = size;
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(() => conn.resize({ cols: t.cols, rows: t.rows }), 80);
    };
    const ro = new ResizeObserver(() => fitNow());
    ro.observe(el);
    fitNow();

    return () => {
      cancelAnimationFrame(frame);
      conn.close();
      ro.disconnect();
      clearTimeout(resizeTimer);
      typed.dispose();
      t.dispose();
      term.current = null;
    };
  }, [sessionId, terminalId]);

  useEffect(() => {
    if (!active || !term.current) return;
    const { t, fit } = term.current;
    requestAnimationFrame(() => {
      try {
        fit.fit();
      } catch {
        /* not laid out yet */
      }
      t.focus();
    });
  }, [active]);

  return (
    <div className="flex min-h-0 flex-col gap-1">
      <div
        ref={host}
        data-testid="terminal-screen"
        data-terminal-id={terminalId}
        className="h-[28rem] min-h-48 resize-y overflow-hidden rounded-md border border-border p-1"
      />
      {note ? (
        <p role="alert" className="text-xs text-destructive">
          {note}
        </p>
      ) : null}
    </div>
  );
}
