/**
 * Interactive terminals (runtime extension): a real shell on a PTY in the session's bubblewrap
 * sandbox, driven over the session's stream socket. Echo, resize, Ctrl+C, limits (terminals per
 * session, output rate), reattach with scrollback replay, and the end when the session goes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TerminalSocket, type TerminalEvent, type TerminalInfo } from "@/lib/agb/terminal";
import { startTestRuntime, type TestRuntime } from "./helpers";

let t: TestRuntime;
const RATE = 256 * 1024;

beforeAll(async () => {
  t = await startTestRuntime({
    idleMinS: 2,
    terminalLimits: { maxPerSession: 2, maxBytesPerS: RATE, scrollbackBytes: 64 * 1024 },
  });
});
afterAll(async () => {
  await t?.stop();
});

async function links(id: string) {
  const r = await t.wire.post("/mcp/getSession", { sessionId: id });
  return { wsUrl: r.body.data.wsUrl as string, token: r.body.data.token as string };
}

/** Attached terminal with its output collected; waitFor resolves once the output matches. */
function watch(sock: TerminalSocket, terminalId: string) {
  const st = { out: "", exit: null as Extract<TerminalEvent, { type: "exit" }> | null };
  const listeners = new Set<() => void>();
  const a = sock.attach(terminalId, (e) => {
    if (e.type === "output") st.out += e.data;
    else st.exit = e;
    for (const l of listeners) l();
  });
  const waitFor = (pred: () => boolean, what: string, ms = 15_000) =>
    new Promise<void>((resolve, reject) => {
      if (pred()) return resolve();
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`timed out waiting for ${what}; output so far: ${JSON.stringify(st.out.slice(-600))}`));
      }, ms);
      const check = () => {
        if (!pred()) return;
        clearTimeout(timer);
        listeners.delete(check);
        resolve();
      };
      listeners.add(check);
    });
  return { st, detach: a.detach, waitFor, until: (re: RegExp) => waitFor(() => re.test(st.out), String(re)) };
}

describe("terminal extension", () => {
  let sid: string;
  let sock: TerminalSocket;

  beforeAll(async () => {
    sid = await t.wire.newSession();
    const l = await links(sid);
    sock = await TerminalSocket.connect(l.wsUrl, l.token);
  });
  afterAll(() => sock?.close());

  it("is advertised in the tool list", async () => {
    const r = await t.wire.post("/mcp/listTools", {}, { imageId: "agb-code-space-2" });
    const names = (JSON.parse(r.body.data) as { name: string }[]).map((x) => x.name);
    expect(names).toContain("terminal");
    expect(names).toContain("get_metrics_history");
  });

  it("runs a shell as the session's user in its home, echoes input, follows resize, stops a command on Ctrl+C", async () => {
    const info = (await sock.request("terminal.open", { cols: 50, rows: 20 })) as TerminalInfo;
    const w = watch(sock, info.terminalId);
    await w.until(/\$ $/m);
    await sock.request("terminal.input", { terminalId: info.terminalId, data: 'echo "[$(id -u)] $PWD"; tput cols\r' });
    await w.until(/\[\d+\] \/home\/user\r\n50\r\n/);
    expect(w.st.out).not.toMatch(/\[0\]/); // never root
    await sock.request("terminal.resize", { terminalId: info.terminalId, cols: 123, rows: 30 });
    await sock.request("terminal.input", { terminalId: info.terminalId, data: "tput cols; tput lines\r" });
    await w.until(/123\r\n30\r\n/);
    await sock.request("terminal.input", { terminalId: info.terminalId, data: "sleep 100; echo after-sleep=$?\r" });
    await new Promise((r) => setTimeout(r, 300));
    await sock.request("terminal.input", { terminalId: info.terminalId, data: "\x03" });
    await w.until(/\^C/);
    expect(w.st.out).not.toMatch(/after-sleep=0/);
    // Ctrl+D ends the shell; the attach hears how
    await w.until(/\$ $/m);
    await sock.request("terminal.input", { terminalId: info.terminalId, data: "\x04" });
    await w.waitFor(() => w.st.exit !== null, "exit");
    expect(w.st.exit!.reason).toMatch(/exited with code 130/); // bash exits with the status of the interrupted command
  });

  it("replays the scrollback to a new attach (a reloaded page), then streams live", async () => {
    const info = (await sock.request("terminal.open", { cols: 80, rows: 24 })) as TerminalInfo;
    const w1 = watch(sock, info.terminalId);
    await sock.request("terminal.input", { terminalId: info.terminalId, data: "echo before-$((6*7))\r" });
    await w1.until(/before-42/);
    w1.detach();
    // another connection, as after a reload
    const l = await links(sid);
    const sock2 = await TerminalSocket.connect(l.wsUrl, l.token);
    try {
      const list = (await sock2.request("terminal.list", {})) as { terminals: TerminalInfo[] };
      expect(list.terminals.map((x) => x.terminalId)).toContain(info.terminalId);
      const w2 = watch(sock2, info.terminalId);
      await w2.until(/before-42/);
      await sock2.request("terminal.input", { terminalId: info.terminalId, data: "echo after-$((7*7))\r" });
      await w2.until(/after-49/);
    } finally {
      sock2.close();
    }
    await sock.request("terminal.close", { terminalId: info.terminalId });
  });

  it("limits terminals per session and output bytes per second (by back-pressure, nothing dropped)", async () => {
    const a = (await sock.request("terminal.open", { cols: 80, rows: 24 })) as TerminalInfo;
    const b = (await sock.request("terminal.open", { cols: 80, rows: 24 })) as TerminalInfo;
    await expect(sock.request("terminal.open", { cols: 80, rows: 24 })).rejects.toThrow(/at most 2/);
    await sock.request("terminal.close", { terminalId: b.terminalId });
    const w = watch(sock, a.terminalId);
    await w.until(/\$ $/m);
    // 6 x the per-second budget: the reader must hold back at least 3 times, and nothing is lost.
    // (A window whose budget the producer cannot fill within its second, as on a loaded CI box,
    // rightly needs no pause: the slack of 3 windows keeps the count from depending on load.)
    const bytes = 6 * RATE;
    await sock.request("terminal.input", {
      terminalId: a.terminalId,
      data: `head -c ${bytes} /dev/zero | tr '\\0' x; echo; echo done-$((1+1))\r`,
    });
    await w.until(/done-2/);
    expect((w.st.out.match(/x/g) ?? []).length).toBeGreaterThanOrEqual(bytes);
    await sock.request("terminal.close", { terminalId: a.terminalId });
    await w.waitFor(() => w.st.exit !== null, "exit");
    expect(w.st.exit!.pauses).toBeGreaterThanOrEqual(3);
  });

  it("keeps multi-byte characters whole when the PTY's reads split them", async () => {
    const info = (await sock.request("terminal.open", { cols: 80, rows: 24 })) as TerminalInfo;
    const w = watch(sock, info.terminalId);
    await w.until(/\$ $/m);
    // 2-, 3- and 4-byte characters back to back: the PTY's ~4 KB reads cut through many of them.
    await sock.request("terminal.input", {
      terminalId: info.terminalId,
      data: `python3 -c 'import sys; sys.stdout.write("\\u00e9\\u20ac\\U0001F600" * 20000 + "\\n")'; echo utf-$((4+4))\r`,
    });
    await w.until(/utf-8\r\n/);
    for (const ch of ["\u00e9", "\u20ac", "\u{1F600}"]) expect(w.st.out.split(ch).length - 1).toBe(20000);
    expect(w.st.out).not.toContain("\uFFFD");
    await sock.request("terminal.close", { terminalId: info.terminalId });
    await w.waitFor(() => w.st.exit !== null, "exit");
  });

  it("refuses bad frames with a message naming the field, and unknown terminals", async () => {
    await expect(sock.request("terminal.open", { cols: 0, rows: 10 })).rejects.toThrow(/cols/);
    await expect(sock.request("terminal.input", { terminalId: "t-nope", data: "x" })).rejects.toThrow(
      /no terminal t-nope/,
    );
  });

  it("ends every terminal with 'session was released' when the session goes", async () => {
    const info = (await sock.request("terminal.open", { cols: 80, rows: 24 })) as TerminalInfo;
    const w = watch(sock, info.terminalId);
    await w.until(/\$ $/m);
    await t.wire.release(sid);
    await w.waitFor(() => w.st.exit !== null, "exit");
    expect(w.st.exit!.reason).toMatch(/session was released/);
  });
});

describe("terminal idle and activity", () => {
  it("keystrokes keep the session alive; a terminal nobody types into is closed after the idle timeout", async () => {
    const sid = await t.wire.newSession({ timeout: 3 });
    const l = await links(sid);
    const sock = await TerminalSocket.connect(l.wsUrl, l.token);
    try {
      const info = (await sock.request("terminal.open", { cols: 80, rows: 24 })) as TerminalInfo;
      const w = watch(sock, info.terminalId);
      // type for 5 s (longer than the 3 s idle timeout): the session must survive
      for (let i = 0; i < 10; i++) {
        await sock.request("terminal.input", { terminalId: info.terminalId, data: `echo k${i}\r` });
        await new Promise((r) => setTimeout(r, 500));
      }
      await w.until(/k9\r\n/);
      expect((await t.wire.info(sid)).body.success).toBe(true);
      // then stop typing: the terminal (or the whole session) ends within a few seconds
      await w.waitFor(() => w.st.exit !== null, "idle close", 12_000);
      expect(w.st.exit!.reason).toMatch(/without input|session was released/);
    } finally {
      sock.close();
    }
  });
});
