/**
 * File tools in a real sandbox (docs/protocol.md, "File tools"), driven
 * the way the SDK drives them (chunked read/write, readMultipleFiles parsing).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseMultiple, runCode, sdkRead, sdkWrite, startTestRuntime, tool, type TestRuntime } from "./helpers";

let t: TestRuntime;
let s: string;
const dir = `/tmp/agb_ts_fs_test_${Date.now()}`;

beforeAll(async () => {
  t = await startTestRuntime();
  s = await t.wire.newSession();
});
afterAll(async () => {
  await t?.stop();
});

describe("filesystem", () => {
  it("creates directories recursively and again when they exist", async () => {
    expect((await tool(t.wire, s, "create_directory", { path: `${dir}/sub/deeper` })).isError).toBe(false);
    expect((await tool(t.wire, s, "create_directory", { path: `${dir}/sub/deeper` })).isError).toBe(false);
    expect((await tool(t.wire, s, "create_directory", { path: `${dir}/empty` })).isError).toBe(false);
  });

  it("writes and reads back byte-exact, with the exact size", async () => {
    const content = `Hello AGB TS!\nTimestamp: ${Date.now()}\nünïcödé ✓\n`;
    expect((await sdkWrite(t.wire, s, `${dir}/a.txt`, content)).isError).toBe(false);
    const info = await tool(t.wire, s, "get_file_info", { path: `${dir}/a.txt` });
    expect(info.text).toContain(`size: ${Buffer.byteLength(content)}`);
    expect(info.text).toMatch(/^name: a\.txt$/m);
    expect(info.text).toMatch(/^isDirectory: false$/m);
    expect(info.text).toMatch(/^modTime: \d+$/m);
    expect(info.text).toMatch(/^owner: user$/m);
    expect((await sdkRead(t.wire, s, `${dir}/a.txt`)).text).toBe(content);
    // byte offset/length, not characters: "ü" is 2 bytes
    const range = await tool(t.wire, s, "read_file", {
      path: `${dir}/a.txt`,
      offset: Buffer.byteLength(content) - Buffer.byteLength("ünïcödé ✓\n"),
      length: Buffer.byteLength("ünïcö"),
    });
    expect(range.text).toBe("ünïcö");
    const whole = await tool(t.wire, s, "read_file", { path: `${dir}/a.txt` });
    expect(whole.text).toBe(content);
  });

  it("lists an empty directory as empty text and a mixed one as [DIR]/[FILE] lines", async () => {
    expect((await tool(t.wire, s, "list_directory", { path: `${dir}/empty` })).text).toBe("");
    const l = await tool(t.wire, s, "list_directory", { path: dir });
    expect(l.text.split("\n")).toEqual(["[FILE] a.txt", "[DIR] empty", "[DIR] sub"]);
    const detailed = JSON.parse((await tool(t.wire, s, "list_directory_detailed", { path: dir })).text);
    expect(detailed.map((e: { name: string }) => e.name)).toEqual(["empty", "sub", "a.txt"]);
    const a = detailed.find((e: { name: string }) => e.name === "a.txt");
    expect(a).toMatchObject({ path: `${dir}/a.txt`, isDirectory: false });
    expect(a.size).toBeGreaterThan(20);
    expect(Math.abs(a.modTime - Date.now() / 1000)).toBeLessThan(120);
  });

  it("edits in order, supports dryRun, and leaves the file untouched when an oldText is missing", async () => {
    const p = `${dir}/edit.txt`;
    await sdkWrite(t.wire, s, p, "original text\nold text\nend\n");
    const dry = await tool(t.wire, s, "edit_file", {
      path: p,
      edits: [{ oldText: "old text", newText: "new text" }],
      dryRun: true,
    });
    expect(dry.text).toContain("+new text");
    expect((await sdkRead(t.wire, s, p)).text).toContain("old text");
    const bad = await tool(t.wire, s, "edit_file", {
      path: p,
      edits: [
        { oldText: "old text", newText: "X" },
        { oldText: "not there", newText: "Y" },
      ],
      dryRun: false,
    });
    expect(bad.isError).toBe(true);
    expect(bad.text).toMatch(/edits\[1\]\.oldText was not found.*not changed/);
    expect((await sdkRead(t.wire, s, p)).text).toBe("original text\nold text\nend\n");
    const ok = await tool(t.wire, s, "edit_file", {
      path: p,
      edits: [
        { oldText: "old text", newText: "new text" },
        { oldText: "new text\nend", newText: "new text\nfin" },
      ],
      dryRun: false,
    });
    expect(ok.isError).toBe(false);
    expect((await sdkRead(t.wire, s, p)).text).toBe("original text\nnew text\nfin\n");
  });

  it("moves over an existing destination, and the source is gone", async () => {
    await sdkWrite(t.wire, s, "/tmp/move-src.txt", "moved content");
    await sdkWrite(t.wire, s, "/tmp/move-dst.txt", "old destination");
    expect(
      (await tool(t.wire, s, "move_file", { source: "/tmp/move-src.txt", destination: "/tmp/move-dst.txt" })).isError,
    ).toBe(false);
    expect((await sdkRead(t.wire, s, "/tmp/move-dst.txt")).text).toBe("moved content");
    expect((await sdkRead(t.wire, s, "/tmp/move-src.txt")).ok).toBe(false);
  });

  it("deletes a file; reading it afterwards fails; deleting a missing one is a clear error", async () => {
    await sdkWrite(t.wire, s, `${dir}/gone.txt`, "x");
    expect((await tool(t.wire, s, "delete_file", { path: `${dir}/gone.txt` })).isError).toBe(false);
    const read = await sdkRead(t.wire, s, `${dir}/gone.txt`);
    expect(read.ok).toBe(false);
    expect(read.error).toMatch(/gone\.txt: no such file or directory/);
    const again = await tool(t.wire, s, "delete_file", { path: `${dir}/gone.txt` });
    expect(again.isError).toBe(true);
    expect(again.body.requestId).toBeTruthy();
  });

  it("searches names by substring and glob, with excludePatterns, as full paths", async () => {
    await sdkWrite(t.wire, s, `${dir}/sub/match_one.txt`, "1");
    await sdkWrite(t.wire, s, `${dir}/sub/deeper/MATCH_two.log`, "2");
    const sub = await tool(t.wire, s, "search_files", { path: dir, pattern: "match" });
    expect(sub.text.split("\n").sort()).toEqual([`${dir}/sub/deeper/MATCH_two.log`, `${dir}/sub/match_one.txt`]);
    expect((await tool(t.wire, s, "search_files", { path: dir, pattern: "*.log" })).text).toBe(
      `${dir}/sub/deeper/MATCH_two.log`,
    );
    expect(
      (await tool(t.wire, s, "search_files", { path: dir, pattern: "match", excludePatterns: ["deeper"] })).text,
    ).toBe(`${dir}/sub/match_one.txt`);
    expect((await tool(t.wire, s, "search_files", { path: dir, pattern: "nothing-like-this" })).text).toBe(
      "No matches found",
    );
  });

  it("reads several files in the SDK's format, with a per-file error", async () => {
    await sdkWrite(t.wire, s, `${dir}/m1.txt`, "first\nfile");
    await sdkWrite(t.wire, s, `${dir}/m2.txt`, "second");
    const r = await tool(t.wire, s, "read_multiple_files", { paths: [`${dir}/m1.txt`, `${dir}/m2.txt`] });
    expect(parseMultiple(r.text)).toEqual({ [`${dir}/m1.txt`]: "first\nfile", [`${dir}/m2.txt`]: "second" });
    const withMissing = await tool(t.wire, s, "read_multiple_files", { paths: [`${dir}/m1.txt`, `${dir}/nope.txt`] });
    expect(withMissing.text).toContain(`${dir}/nope.txt: Error - `);
  });

  it("round-trips 100 000 characters through chunked write and read", async () => {
    const big = "A".repeat(100_000);
    expect((await sdkWrite(t.wire, s, `${dir}/big.txt`, big)).isError).toBe(false);
    const back = await sdkRead(t.wire, s, `${dir}/big.txt`);
    expect(back.text.length).toBe(100_000);
    expect(back.text).toBe(big);
  });

  it("round-trips binary bytes (upload as base64, download as base64) byte-exact", async () => {
    const bytes = Buffer.alloc(150_000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + (i >> 8)) & 0xff;
    const up = await tool(t.wire, s, "write_file", {
      path: `${dir}/blob.bin`,
      content: bytes.toString("base64"),
      format: "binary",
    });
    expect(up.isError).toBe(false);
    const info = await tool(t.wire, s, "get_file_info", { path: `${dir}/blob.bin` });
    expect(info.text).toContain("size: 150000");
    const down = await sdkRead(t.wire, s, `${dir}/blob.bin`, true);
    expect(down.bytes!.equals(bytes)).toBe(true);
    const one = await tool(t.wire, s, "read_file", {
      path: `${dir}/blob.bin`,
      format: "binary",
      offset: 10,
      length: 5,
    });
    expect(one.text).toMatch(/^[A-Za-z0-9+/]*={0,2}$/);
    expect(Buffer.from(one.text, "base64").equals(bytes.subarray(10, 15))).toBe(true);
  });

  it("write modes: append adds, create_new refuses an existing file", async () => {
    const p = `${dir}/modes.txt`;
    await tool(t.wire, s, "write_file", { path: p, content: "a" });
    await tool(t.wire, s, "write_file", { path: p, content: "b", mode: "append" });
    expect((await sdkRead(t.wire, s, p)).text).toBe("ab");
    const cn = await tool(t.wire, s, "write_file", { path: p, content: "c", mode: "create_new" });
    expect(cn.isError).toBe(true);
    expect(cn.text).toMatch(/already exists/);
  });

  it("refuses to read, edit or write a named pipe or a device, at once and naming it, and reads procfs files that report 0 bytes", async () => {
    await tool(t.wire, s, "shell", { command: `mkfifo ${dir}/pipe`, timeout_ms: 10_000 });
    // Opening a pipe for reading waits for a writer: without the check this call never answered.
    const pipe = await tool(t.wire, s, "read_file", { path: `${dir}/pipe` });
    expect(pipe.isError).toBe(true);
    expect(pipe.text).toBe(`${dir}/pipe is a named pipe, not a file with content to read`);
    const zero = await tool(t.wire, s, "read_file", { path: "/dev/zero", format: "binary" });
    expect(zero.text).toBe("/dev/zero is a character device, not a file with content to read");
    const edit = await tool(t.wire, s, "edit_file", { path: `${dir}/pipe`, edits: [{ oldText: "a", newText: "b" }] });
    expect(edit.text).toMatch(/is a named pipe/);
    expect((await tool(t.wire, s, "get_file_info", { path: `${dir}/pipe` })).text).toMatch(/^isFile: false$/m);
    // Opening a pipe to write waits for a reader, as long as nobody reads it.
    const write = await tool(t.wire, s, "write_file", { path: `${dir}/pipe`, content: "x" });
    expect(write.text).toBe(`${dir}/pipe is a named pipe, not a file to write`);
    // /proc/self/status says 0 bytes; its content is read to its end, as `cat` would.
    const status = await tool(t.wire, s, "read_file", { path: "/proc/self/status" });
    expect(status.isError).toBe(false);
    expect(status.text).toMatch(/^Name:\t\S+\n[\s\S]*^Pid:\t\d+$/m);
    await tool(t.wire, s, "delete_file", { path: `${dir}/pipe` });
  });

  it("shares one filesystem with shell and code (files written by a command are seen by the tools)", async () => {
    await tool(t.wire, s, "shell", {
      command:
        "mkdir -p /tmp/fs-shell/nested && printf 'from shell' > /tmp/fs-shell/nested/f.txt && touch /tmp/fs-shell/x /tmp/fs-shell/y",
      timeout_ms: 10_000,
    });
    expect((await sdkRead(t.wire, s, "/tmp/fs-shell/nested/f.txt")).text).toBe("from shell");
    expect(
      (await tool(t.wire, s, "list_directory", { path: "/tmp/fs-shell" })).text.split("\n").length,
    ).toBeGreaterThanOrEqual(3);
    const py = await runCode(
      t.wire,
      s,
      "import json\nopen('/tmp/code_test.txt','w').write('hi from code')\nprint(json.dumps({'content': open('/tmp/code_test.txt').read()}))",
      "python",
      120,
    );
    expect(py.stdout).toContain("hi from code");
    expect((await sdkRead(t.wire, s, "/tmp/code_test.txt")).text).toBe("hi from code");
  });

  it("reports changes since the previous get_file_change call", async () => {
    const w = `${dir}/watch`;
    await tool(t.wire, s, "create_directory", { path: w });
    await sdkWrite(t.wire, s, `${w}/keep.txt`, "1");
    await sdkWrite(t.wire, s, `${w}/drop.txt`, "1");
    expect(JSON.parse((await tool(t.wire, s, "get_file_change", { path: w })).text)).toEqual([]);
    await sdkWrite(t.wire, s, `${w}/new.txt`, "n");
    await sdkWrite(t.wire, s, `${w}/keep.txt`, "changed");
    await tool(t.wire, s, "delete_file", { path: `${w}/drop.txt` });
    const ev = JSON.parse((await tool(t.wire, s, "get_file_change", { path: w })).text);
    expect(ev).toEqual(
      expect.arrayContaining([
        { eventType: "create", path: `${w}/new.txt`, pathType: "file" },
        { eventType: "modify", path: `${w}/keep.txt`, pathType: "file" },
        { eventType: "delete", path: `${w}/drop.txt`, pathType: "file" },
      ]),
    );
    expect(ev).toHaveLength(3);
    expect(JSON.parse((await tool(t.wire, s, "get_file_change", { path: w })).text)).toEqual([]);
  });
});

describe("file tools: containment and bad inputs", () => {
  it("cannot reach host files or write outside the sandbox's writable folders", async () => {
    const host = await tool(t.wire, s, "read_file", { path: "/root/.bashrc" });
    expect(host.isError).toBe(true);
    expect((await tool(t.wire, s, "list_directory", { path: t.dataDir })).isError).toBe(true);
    const etc = await tool(t.wire, s, "write_file", { path: "/etc/agb-test", content: "x" });
    expect(etc.isError).toBe(true);
    expect(etc.text).toMatch(/read-only file system|permission denied/);
    const usr = await tool(t.wire, s, "delete_file", { path: "/usr/bin/env" });
    expect(usr.isError).toBe(true);
  });

  it("refuses missing and relative paths, missing content and a missing parent with clear messages", async () => {
    const noPath = await t.wire.callTool(s, "read_file", {});
    expect(noPath.status).toBe(400);
    expect(noPath.body.message).toMatch(/path is required/);
    const rel = await t.wire.callTool(s, "write_file", { path: "rel.txt", content: "x" });
    expect(rel.status).toBe(400);
    expect(rel.body.message).toMatch(/absolute path/);
    const noContent = await t.wire.callTool(s, "write_file", { path: "/tmp/x.txt" });
    expect(noContent.body.message).toMatch(/content is required/);
    const parent = await tool(t.wire, s, "write_file", { path: "/tmp/no/such/dir/f.txt", content: "x" });
    expect(parent.isError).toBe(true);
    expect(parent.text).toMatch(/parent directory \/tmp\/no\/such\/dir does not exist/);
    const info = await tool(t.wire, s, "get_file_info", { path: "/tmp/does-not-exist" });
    expect(info.isError).toBe(true);
    const unknown = await t.wire.callTool(s, "no_such_tool", {});
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toMatch(/unknown tool "no_such_tool"/);
    const badB64 = await tool(t.wire, s, "write_file", { path: "/tmp/b.bin", content: "***", format: "binary" });
    expect(badB64.isError).toBe(true);
    expect(badB64.text).toMatch(/not valid base64/);
  });

  it("refuses huge content at the HTTP limit and writes past the disk quota cleanly", async () => {
    const huge = await t.wire.callTool(s, "write_file", {
      path: "/tmp/huge.txt",
      content: "x".repeat(5 * 1024 * 1024),
    });
    expect(huge.status).toBe(413);
    expect(huge.body.message).toMatch(/limit/);
    // Fill most of the 512 MiB quota with a (non-sparse) file from the shell; a 3 MiB tool write must then fail.
    const fill = await tool(t.wire, s, "shell", {
      command: "head -c 510M /dev/zero > /tmp/filler.bin && echo done",
      timeout_ms: 60_000,
    });
    expect(fill.text).toContain("done");
    const chunk = "y".repeat(3 * 1024 * 1024);
    const over = await tool(t.wire, s, "write_file", { path: "/tmp/over.txt", content: chunk });
    expect(over.isError).toBe(true);
    expect(over.text).toMatch(/disk quota exceeded: .* of the session's 536870912 bytes/);
    expect((await tool(t.wire, s, "get_file_info", { path: "/tmp/over.txt" })).isError).toBe(true);
    const metrics = JSON.parse((await tool(t.wire, s, "get_metrics", {})).text);
    expect(metrics.disk_total).toBe(536870912);
    expect(metrics.disk_used).toBeGreaterThan(500 * 1024 * 1024);
    await tool(t.wire, s, "delete_file", { path: "/tmp/filler.bin" });
    expect((await tool(t.wire, s, "write_file", { path: "/tmp/over.txt", content: chunk })).isError).toBe(false);
  });
});
