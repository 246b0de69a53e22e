// Contract tests of lib/agb's tool calls (shell, code, files, metrics, streaming) against the
// real embedded runtime and a real sandbox.
import { beforeAll, describe, expect, it } from "vitest";
import { runCodeStream, parseToolList, type AgbClient, type StreamEvent } from "@/lib/agb/client";
import { rejection, withTestClient } from "./runtime-fixture";

let agb: AgbClient;
let sid: string;

withTestClient("agb-tools", 60_000, (c) => {
  agb = c;
});
beforeAll(async () => {
  sid = (await agb.createSession({ imageId: "agb-code-space-2", idleTimeoutS: 600 })).sessionId;
});

describe("tool list", () => {
  it("lists the image's tools from listTools and from the session's toolList", async () => {
    const { tools, requestId } = await agb.listTools("agb-code-space-2");
    expect(requestId).toBeTruthy();
    const names = tools.map((t) => t.name);
    for (const n of ["shell", "run_code", "read_file", "write_file"]) expect(names).toContain(n);
    const fromSession = parseToolList((await agb.getSession(sid)).data.toolList).map((t) => t.name);
    expect(fromSession).toEqual(expect.arrayContaining(["shell", "run_code"]));
  });
});

describe("shell", () => {
  it("runs a command with cwd and envs passed literally", async () => {
    const r = await agb.runShell(sid, {
      command: 'pwd && echo "$MY_VAR"',
      cwd: "/tmp",
      envs: { MY_VAR: "a'b; rm -rf / !@#$%^&*()" },
      timeoutMs: 10_000,
    });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe("/tmp\na'b; rm -rf / !@#$%^&*()\n");
    expect(r.requestId).toBeTruthy();
  });

  it("reports a failing command's exit code and stderr", async () => {
    const r = await agb.runShell(sid, { command: "ls /nonexistent/path", timeoutMs: 10_000 });
    expect(r.exitCode).not.toBe(0);
    expect(r.stderr).toMatch(/nonexistent/);
  });
});

describe("code", () => {
  it("runs Python with persistent state and parses stdout and results", async () => {
    await agb.runCode(sid, { code: "x = 42", language: "py", timeoutS: 60 });
    const r = await agb.runCode(sid, { code: "print(x)\nx + 1", language: "PYTHON", timeoutS: 60 });
    expect(r.ok).toBe(true);
    expect(r.stdout.join("")).toContain("42");
    expect(JSON.stringify(r.results)).toContain("43");
    expect(r.requestId).toBeTruthy();
  });

  it("reports an exception as a failed run with the execution error", async () => {
    const r = await agb.runCode(sid, { code: "undefined_variable + 1", language: "python", timeoutS: 60 });
    expect(r.ok).toBe(false);
    expect(r.error?.value).toMatch(/undefined_variable/);
  });

  it("rejects unsupported languages client-side", async () => {
    expect((await rejection(agb.runCode(sid, { code: "puts 1", language: "ruby" }))).message).toMatch(
      /Unsupported language: ruby/,
    );
  });

  it("streams output over the session's WebSocket", async () => {
    const { data } = await agb.getSession(sid);
    expect(data.wsUrl).toBeTruthy();
    const events: StreamEvent[] = [];
    await runCodeStream(
      {
        wsUrl: data.wsUrl!,
        token: data.token!,
        language: "python",
        code: "import sys\nprint('out1')\nprint('err1', file=sys.stderr)\n7*6",
        timeoutS: 30,
      },
      (e) => events.push(e),
    );
    const out = events
      .filter((e) => e.type === "stdout")
      .map((e) => (e as { chunk: string }).chunk)
      .join("");
    expect(out).toContain("out1");
    expect(events.some((e) => e.type === "stderr")).toBe(true);
    const end = events.at(-1);
    expect(end?.type).toBe("end");
    expect(end && end.type === "end" && end.ok).toBe(true);
  });

  it("refuses a stream with a wrong token", async () => {
    const { data } = await agb.getSession(sid);
    const e = await rejection(
      runCodeStream(
        { wsUrl: data.wsUrl!, token: "wrong-token", language: "python", code: "1", timeoutS: 10 },
        () => {},
      ),
    );
    expect(e.kind).toBe("auth");
    expect(e.httpStatus).toBe(401);
  });
});

describe("files", () => {
  const dir = `/tmp/agb-client-${Date.now()}`;

  it("creates directories (idempotently), writes, reads exactly, lists, stats", async () => {
    await agb.createDirectory(sid, `${dir}/sub`);
    await agb.createDirectory(sid, `${dir}/sub`);
    const text = "Hello AGB!\nünï €\n";
    await agb.writeText(sid, `${dir}/a.txt`, text);
    expect((await agb.readText(sid, `${dir}/a.txt`)).content).toBe(text);
    const info = await agb.getFileInfo(sid, `${dir}/a.txt`);
    expect(info.size).toBe(Buffer.byteLength(text));
    expect(info.isDirectory).toBe(false);
    const list = await agb.listDirectory(sid, dir);
    expect(list.entries).toEqual(
      expect.arrayContaining([
        { name: "a.txt", isDirectory: false },
        { name: "sub", isDirectory: true },
      ]),
    );
    expect(list.entries.length).toBe(2);
    const detailed = await agb.listDirectoryDetailed(sid, dir);
    expect(detailed.entries.find((e) => e.name === "a.txt")?.size).toBe(Buffer.byteLength(text));
  });

  it("writes and reads 100,000 characters in 51,200 chunks", async () => {
    const big = "A".repeat(100_000);
    await agb.writeText(sid, `${dir}/big.txt`, big);
    const back = await agb.readText(sid, `${dir}/big.txt`);
    expect(back.content.length).toBe(100_000);
    expect(back.content).toBe(big);
  });

  it("round-trips binary bytes with format binary", async () => {
    const bytes = Buffer.from(Array.from({ length: 120_000 }, (_, i) => (i * 7) % 256));
    await agb.writeBytes(sid, `${dir}/bin.dat`, bytes);
    const back = await agb.readBytes(sid, `${dir}/bin.dat`, 0, bytes.length);
    expect(Buffer.compare(back.bytes, bytes)).toBe(0);
  });

  it("edits, moves, searches, reads several and deletes", async () => {
    await agb.writeText(sid, `${dir}/e.txt`, "old text here");
    await agb.editFile(sid, `${dir}/e.txt`, [{ oldText: "old text", newText: "new text" }]);
    expect((await agb.readText(sid, `${dir}/e.txt`)).content).toBe("new text here");
    await agb.moveFile(sid, `${dir}/e.txt`, `${dir}/sub/moved.txt`);
    const found = await agb.searchFiles(sid, dir, "moved");
    expect(found.matches).toEqual([`${dir}/sub/moved.txt`]);
    expect((await agb.searchFiles(sid, dir, "zzz-nothing")).matches).toEqual([]);
    const multi = await agb.readMultipleFiles(sid, [`${dir}/a.txt`, `${dir}/sub/moved.txt`]);
    expect(Object.keys(multi.files).length).toBe(2);
    await agb.deleteFile(sid, `${dir}/sub/moved.txt`);
    const e = await rejection(agb.getFileInfo(sid, `${dir}/sub/moved.txt`));
    expect(e.kind).toBe("not_found");
    expect(e.requestId).toBeTruthy();
  });

  it("leaves a file unchanged when an edit does not match", async () => {
    await agb.writeText(sid, `${dir}/keep.txt`, "original text");
    const e = await rejection(agb.editFile(sid, `${dir}/keep.txt`, [{ oldText: "absent", newText: "x" }]));
    expect(e.requestId).toBeTruthy();
    expect((await agb.readText(sid, `${dir}/keep.txt`)).content).toBe("original text");
  });
});

describe("metrics", () => {
  it("reads numeric metrics", async () => {
    const m = await agb.getMetrics(sid);
    expect(m.cpuCount).toBeGreaterThan(0);
    expect(m.memTotal).toBeGreaterThan(0);
    expect(typeof m.diskTotal).toBe("number");
    expect(m.requestId).toBeTruthy();
  });
});
