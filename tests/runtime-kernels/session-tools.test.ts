/**
 * listTools, get_metrics and the raw callMcpTool paths, plus
 * WebSocket streaming of run_code (docs/protocol.md, "Streaming"): token check, events before the end, the end frame.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { WebSocket } from "ws";
import { openStream, runCode, sdkWrite, startTestRuntime, tool, type TestRuntime } from "./helpers";

let t: TestRuntime;
let s: string;

beforeAll(async () => {
  t = await startTestRuntime();
  s = await t.wire.newSession();
});
afterAll(async () => {
  await t?.stop();
});

const EXPECTED_CODE_TOOLS = [
  "shell",
  "run_code",
  "interrupt_code",
  "create_directory",
  "delete_file",
  "move_file",
  "edit_file",
  "get_file_info",
  "list_directory",
  "list_directory_detailed",
  "read_file",
  "read_multiple_files",
  "search_files",
  "write_file",
  "get_file_change",
  "get_metrics",
];

describe("listTools and raw tool calls", () => {
  it("lists every tool of a code image, each with a JSON schema (data is a JSON string)", async () => {
    for (const imageId of ["agb-code-space-1", "agb-code-space-2"]) {
      const r = await t.wire.post("/mcp/listTools", {}, { imageId });
      expect(typeof r.body.data).toBe("string");
      const tools = JSON.parse(r.body.data) as {
        name: string;
        inputSchema: { type: string; properties: Record<string, unknown>; required?: string[] };
      }[];
      expect(tools.map((x) => x.name)).toEqual(expect.arrayContaining(EXPECTED_CODE_TOOLS));
      for (const x of tools) expect(x.inputSchema.type).toBe("object");
      const rc = tools.find((x) => x.name === "run_code")!;
      expect(rc.inputSchema.required).toEqual(["code", "language"]);
      expect(Object.keys(rc.inputSchema.properties)).toEqual(["code", "language", "timeout_s"]);
      const wf = tools.find((x) => x.name === "write_file")!;
      expect(wf.inputSchema.required).toEqual(expect.arrayContaining(["path", "content"]));
      expect(Object.keys(wf.inputSchema.properties)).toEqual(
        expect.arrayContaining(["path", "content", "mode", "format"]),
      );
    }
  });

  it("the browser image has file tools and get_metrics but no run_code", async () => {
    const r = await t.wire.post("/mcp/listTools", {}, { imageId: "agb-browser-use-1" });
    const names = (JSON.parse(r.body.data) as { name: string }[]).map((x) => x.name);
    expect(names).toEqual(expect.arrayContaining(["shell", "read_file", "write_file", "get_metrics"]));
    expect(names).not.toContain("run_code");
  });

  it("raw read_file without offset/length returns the whole file; raw run_code without timeout_s works", async () => {
    await sdkWrite(t.wire, s, "/tmp/mcp-test.txt", "mcp content\nline 2");
    const r = await tool(t.wire, s, "read_file", { path: "/tmp/mcp-test.txt" });
    expect(r.success && !r.isError).toBe(true);
    expect(r.text).toBe("mcp content\nline 2");
    const c = await tool(t.wire, s, "run_code", { code: "print(6 * 7)", language: "python" });
    expect(JSON.parse(c.text).stdout).toEqual(["42\n"]);
  });
});

describe("get_metrics", () => {
  it("reports the session's own cpu, memory and disk as numbers", async () => {
    await tool(t.wire, s, "get_metrics", {}); // cpu use is measured between consecutive calls
    await runCode(t.wire, s, "import time\nt0 = time.time()\nwhile time.time() - t0 < 0.6: pass", "python", 60);
    const r = await tool(t.wire, s, "get_metrics", {});
    expect(r.isError).toBe(false);
    const m = JSON.parse(r.text);
    for (const k of [
      "cpu_count",
      "cpu_used_pct",
      "mem_total",
      "mem_used",
      "disk_total",
      "disk_used",
      "rx_used_kbyte",
      "tx_used_kbyte",
    ])
      expect(typeof m[k]).toBe("number");
    expect(m.cpu_count).toBeGreaterThanOrEqual(1);
    expect(m.cpu_used_pct).toBeGreaterThan(5); // the busy loop ran since the previous call
    // the agent and a warm ipykernel (even one forked from the zygote, which is charged only for the
    // pages it wrote: about 19 MiB) are over 20 MiB; the host's total RAM is not the session's usage
    expect(m.mem_used).toBeGreaterThan(20 * 1024 * 1024);
    expect(m.mem_used).toBeLessThan(m.mem_total);
    expect(m.disk_total).toBe(512 * 1024 * 1024);
    expect(typeof m.timestamp).toBe("string");
    // disk use follows what the session writes
    await tool(t.wire, s, "shell", { command: "head -c 8M /dev/urandom > /tmp/disk.bin", timeout_ms: 20_000 });
    const m2 = JSON.parse((await tool(t.wire, s, "get_metrics", {})).text);
    expect(m2.disk_used - m.disk_used).toBeGreaterThanOrEqual(8 * 1024 * 1024);
  });
});

describe("WebSocket streaming", () => {
  async function sessionLinks(id: string) {
    const r = await t.wire.post("/mcp/getSession", { sessionId: id });
    return { wsUrl: r.body.data.wsUrl as string, token: r.body.data.token as string };
  }

  it("refuses a wrong or missing token before the upgrade", async () => {
    const { wsUrl } = await sessionLinks(s);
    await expect(openStream(wsUrl, "wrong-token")).rejects.toThrow(/HTTP 401/);
    const bare = new WebSocket(wsUrl);
    const status = await new Promise<number>((resolve) =>
      bare.once("unexpected-response", (_q, res) => resolve(res.statusCode ?? 0)),
    );
    expect(status).toBe(401);
  });

  it("streams stdout chunks as they happen, then results, then end", async () => {
    const { wsUrl, token } = await sessionLinks(s);
    const st = await openStream(wsUrl, token);
    st.ws.send(JSON.stringify({ type: "ping" }));
    // The cell blocks after "first" until the test, having received that chunk, sends a go signal
    // through another tool call: the chunk can only have arrived while the cell was still running.
    const code = [
      "import os, sys, time",
      "print('first', flush=True)",
      "t0 = time.time()",
      "while not os.path.exists('/tmp/stream-go'):",
      "    if time.time() - t0 > 20: raise TimeoutError('no go signal')",
      "    time.sleep(0.05)",
      "print('second')",
      "print('warn', file=sys.stderr)",
      "'done'",
    ].join("\n");
    const run = st.run("a".repeat(32), { language: "python", timeoutS: 30, code });
    await vi.waitFor(
      () => expect(st.frames.some((f) => f.data.eventType === "stdout" && f.data.chunk.includes("first"))).toBe(true),
      { timeout: 20_000, interval: 50 },
    );
    expect(st.frames.some((f) => f.data.phase === "end")).toBe(false);
    expect((await tool(t.wire, s, "shell", { command: "touch /tmp/stream-go" })).isError).toBe(false);
    const frames = await run;
    const events = frames.filter((f) => f.data.phase === "event");
    const end = frames.at(-1)!;
    expect(end.data).toMatchObject({ phase: "end", status: "completed", executionError: "" });
    expect(typeof end.data.executionCount).toBe("number");
    expect(
      events
        .filter((f) => f.data.eventType === "stdout")
        .map((f) => f.data.chunk)
        .join(""),
    ).toBe("first\nsecond\n");
    expect(events.find((f) => f.data.eventType === "stderr")!.data.chunk).toBe("warn\n");
    expect(events.find((f) => f.data.eventType === "result")!.data.result).toEqual({
      mime: { "text/plain": "'done'" },
      isMainResult: true,
    });
    // no reply of any kind to the ping
    expect(st.frames.every((f) => f.invocationId === "a".repeat(32))).toBe(true);
    st.ws.close();
  });

  it("ends a failing cell with status failed and the executionError; bad frames get an error frame", async () => {
    const { wsUrl, token } = await sessionLinks(s);
    const st = await openStream(wsUrl, token);
    const frames = await st.run("b".repeat(32), { language: "python", code: "1/0" });
    expect(frames.at(-1)!.data).toMatchObject({
      phase: "end",
      status: "failed",
      executionError: "ZeroDivisionError: division by zero",
    });
    const js = await st.run("c".repeat(32), { language: "js", code: "console.log('streamed js')" });
    expect(js.find((f) => f.data.eventType === "stdout")!.data.chunk).toBe("streamed js\n");
    const bad = await st.run("d".repeat(32), { language: "cobol", code: "x" });
    expect(bad.at(-1)!.data).toMatchObject({ phase: "error" });
    expect(bad.at(-1)!.data.error).toMatch(/unsupported language "cobol"/);
    st.ws.close();
  });

  it("refuses the stream of a released session", async () => {
    const id = await t.wire.newSession();
    const links = await sessionLinks(id);
    await t.wire.release(id);
    await expect(openStream(links.wsUrl, links.token)).rejects.toThrow(/HTTP 401/);
  });
});
