/**
 * A page in headless Chromium driven over a bare DevTools pipe, for figures Playwright would skew:
 * Playwright enables DevTools' Network domain on every page, and Chromium then reports each
 * WebSocket frame with its payload to the automation client. For a terminal flood that is the
 * whole stream, serialized by the page and parsed again in node, on the same cores (a 30 MB flood
 * into xterm from a plain WebSocket server: 42-43 MB/s without it, 22-29 MB/s with only
 * `Network.enable` added, same box, same minute).
 * Here only Runtime, Input, Page, Target and Storage are used: nothing reports the page's traffic.
 * The pipe (not a debugging port): no port to pick, none to collide with.
 */
import { spawn, type ChildProcess } from "node:child_process";
import type { Readable, Writable } from "node:stream";

type Params = Record<string, unknown>;

export interface CdpPage {
  /** Evaluates an expression in the page (awaiting a promise it returns); its JSON value. */
  evaluate<T = unknown>(expression: string): Promise<T>;
  /** A key press (keyDown with its text, then keyUp), as Playwright's keyboard.press sends it. */
  press(key: string, opts?: { ctrl?: boolean }): Promise<void>;
  /** Each character as a key press. */
  type(text: string): Promise<void>;
  navigate(url: string): Promise<void>;
  /** A left click at the centre of the element `element` (an expression) evaluates to. */
  click(element: string): Promise<void>;
  /** A script run in every document the page loads, before its own. */
  addInitScript(source: string): Promise<void>;
  /** Resolves once `condition` (an expression) is truthy in the page; rejects after timeoutMs. */
  waitFor(condition: string, timeoutMs: number, what: string): Promise<void>;
}

/** A key's DOM description: key, code and Windows key code (xterm reads keyCode for letters). */
function keyOf(ch: string) {
  if (ch === "\r") return { key: "Enter", code: "Enter", keyCode: 13, text: "\r" };
  if (/^[a-z]$/i.test(ch))
    return { key: ch, code: `Key${ch.toUpperCase()}`, keyCode: ch.toUpperCase().charCodeAt(0), text: ch };
  if (/^[0-9]$/.test(ch)) return { key: ch, code: `Digit${ch}`, keyCode: ch.charCodeAt(0), text: ch };
  if (ch === " ") return { key: " ", code: "Space", keyCode: 32, text: " " };
  // Other characters reach xterm by their keypress, as a layout without a key for them would.
  return { key: ch, code: "", keyCode: 0, text: ch };
}

export async function withCdpPage(
  cookies: { name: string; value: string; domain: string; path: string; httpOnly?: boolean; sameSite?: string }[],
  fn: (page: CdpPage) => Promise<void>,
): Promise<void> {
  const child: ChildProcess = spawn(
    process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--remote-debugging-pipe",
      "--no-first-run",
      "--window-size=1280,900",
      "about:blank",
    ],
    { stdio: ["ignore", "ignore", "ignore", "pipe", "pipe"] },
  );
  const toBrowser = child.stdio[3] as Writable;
  const fromBrowser = child.stdio[4] as Readable;
  let id = 0;
  const waiting = new Map<number, { resolve: (v: Params) => void; reject: (e: Error) => void }>();
  let buf = "";
  fromBrowser.on("data", (chunk: Buffer) => {
    buf += chunk.toString("utf8");
    for (let end = buf.indexOf("\0"); end >= 0; end = buf.indexOf("\0")) {
      const msg = JSON.parse(buf.slice(0, end)) as { id?: number; result?: Params; error?: { message: string } };
      buf = buf.slice(end + 1);
      const w = msg.id ? waiting.get(msg.id) : undefined;
      if (!w) continue;
      waiting.delete(msg.id!);
      if (msg.error) w.reject(new Error(msg.error.message));
      else w.resolve(msg.result ?? {});
    }
  });
  // A browser that dies fails what waits on it, rather than hanging the bench.
  let gone: Error | null = null;
  child.once("exit", (code, signal) => {
    gone = new Error(`Chromium exited (${signal ?? code})`);
    for (const w of waiting.values()) w.reject(gone);
    waiting.clear();
  });
  const send = (method: string, params: Params = {}, sessionId?: string) =>
    new Promise<Params>((resolve, reject) => {
      if (gone) return reject(gone);
      const i = ++id;
      waiting.set(i, { resolve, reject });
      toBrowser.write(JSON.stringify({ id: i, method, params, ...(sessionId ? { sessionId } : {}) }) + "\0");
    });
  try {
    await send("Storage.setCookies", { cookies });
    const { targetId } = (await send("Target.createTarget", { url: "about:blank" })) as { targetId: string };
    const { sessionId } = (await send("Target.attachToTarget", { targetId, flatten: true })) as { sessionId: string };
    const key = async (type: "keyDown" | "keyUp", k: ReturnType<typeof keyOf>, modifiers: number) => {
      await send(
        "Input.dispatchKeyEvent",
        {
          type: type === "keyDown" && !modifiers ? "keyDown" : type === "keyDown" ? "rawKeyDown" : "keyUp",
          modifiers,
          key: k.key,
          code: k.code,
          windowsVirtualKeyCode: k.keyCode,
          ...(type === "keyDown" && !modifiers ? { text: k.text, unmodifiedText: k.text } : {}),
        },
        sessionId,
      );
    };
    const page: CdpPage = {
      async evaluate<T>(expression: string) {
        const r = (await send(
          "Runtime.evaluate",
          { expression, awaitPromise: true, returnByValue: true },
          sessionId,
        )) as {
          result: { value?: unknown };
          exceptionDetails?: { exception?: { description?: string }; text: string };
        };
        if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
        return r.result.value as T;
      },
      async press(ch, opts = {}) {
        const ctrl = { key: "Control", code: "ControlLeft", keyCode: 17, text: "" };
        if (opts.ctrl) await key("keyDown", ctrl, 2);
        await key("keyDown", keyOf(ch), opts.ctrl ? 2 : 0);
        await key("keyUp", keyOf(ch), opts.ctrl ? 2 : 0);
        if (opts.ctrl) await key("keyUp", ctrl, 0);
      },
      async type(text) {
        for (const ch of text) await page.press(ch);
      },
      async navigate(url) {
        await send("Page.navigate", { url }, sessionId);
        await page.waitFor(
          `location.href === ${JSON.stringify(url)} && document.readyState === "complete"`,
          60_000,
          url,
        );
      },
      async click(element) {
        const at = await page.evaluate<{ x: number; y: number }>(`(() => {
          const el = ${element};
          el.scrollIntoView({ block: "center" });
          const r = el.getBoundingClientRect();
          return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
        })()`);
        for (const type of ["mouseMoved", "mousePressed", "mouseReleased"])
          await send(
            "Input.dispatchMouseEvent",
            { type, ...at, button: "left", buttons: type === "mousePressed" ? 1 : 0, clickCount: 1 },
            sessionId,
          );
      },
      async addInitScript(source) {
        // Page events are about the document, not its traffic: enabling them reports no frames.
        await send("Page.enable", {}, sessionId);
        await send("Page.addScriptToEvaluateOnNewDocument", { source }, sessionId);
      },
      async waitFor(condition, timeoutMs, what) {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          // A navigation in flight destroys the context an evaluation runs in: that is "not yet".
          if (await page.evaluate<boolean>(`Boolean(${condition})`).catch(() => false)) return;
          if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs / 1000} s`);
          await new Promise((r) => setTimeout(r, 50));
        }
      },
    };
    await fn(page);
  } finally {
    child.kill("SIGKILL");
  }
}
