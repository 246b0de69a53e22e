// No path changes a file's bytes, on either backend: uploads and downloads through the dashboard
// API are compared by SHA-256 with what the sandbox itself holds (sha256sum in the session). With
// AGB (no binary write_file), a binary upload is refused before anything is written, and the
// browser learns up front what the backend cannot do.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as files from "@/app/api/sessions/[id]/files/route";
import * as content from "@/app/api/sessions/[id]/files/content/route";
import * as download from "@/app/api/sessions/[id]/files/download/route";
import * as upload from "@/app/api/sessions/[id]/files/upload/route";
import { createAgbClient, type AgbClient } from "@/lib/agb/client";
import { BACKENDS } from "./backends";
import { call, createSessionViaApi, json, startApiEnv, type ApiEnv } from "./fixture";

const sha = (b: Uint8Array | string) => crypto.createHash("sha256").update(b).digest("hex");

/** Text that trips every lossy path: a BOM, CRLF, 2-4 byte characters, and an emoji across the 51,200-character write chunk. */
function trickyText(): string {
  const head = "\uFEFFline one\r\nzwei: äöü ß — ✓\r\n";
  const fill = "x".repeat(51_199 - head.length);
  return `${head}${fill}😀 after the chunk edge ${"中文".repeat(20_000)}\n`;
}

describe.each(BACKENDS)("$mode backend", ({ mode, opts }) => {
  let env: ApiEnv;
  let agb: AgbClient;
  let sid: string;
  const strict = mode === "strict";

  beforeAll(async () => {
    env = await startApiEnv(`files-exact-${mode}`, opts);
    agb = createAgbClient({ endpoint: env.runtime.rt.url, apiKey: env.runtime.rt.apiKey });
    sid = await createSessionViaApi(env, "agb-code-space-1");
    await agb.runShell(sid, { command: "mkdir -p /tmp/up" });
  });
  afterAll(async () => {
    agb?.close();
    await env?.stop();
  });

  const p = (path: string) => ({ cookie: env.cookie, params: { id: sid }, path });
  const shaInSandbox = async (path: string) =>
    (await agb.runShell(sid, { command: `sha256sum ${path}`, timeoutMs: 10_000 })).stdout.split(" ")[0];
  const uploadFiles = (dir: string, list: { name: string; bytes: Uint8Array }[]) => {
    const form = new FormData();
    for (const f of list) form.append("files", new File([f.bytes as BlobPart], f.name));
    return call(upload.POST, {
      ...p(`/api/sessions/${sid}/files/upload?dir=${encodeURIComponent(dir)}`),
      method: "POST",
      rawBody: form,
    });
  };
  const downloadBytes = async (path: string) => {
    const res = await call(download.GET, p(`/api/sessions/${sid}/files/download?path=${encodeURIComponent(path)}`));
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(Number(res.headers.get("content-length"))).toBe(bytes.length);
    return bytes;
  };
  const listing = async (dir: string) =>
    json<{
      entries: { name: string; size: number | null; special: string | null }[];
      features: Record<string, boolean>;
    }>(await call(files.GET, p(`/api/sessions/${sid}/files?path=${encodeURIComponent(dir)}`)));

  it("tells the browser what the backend can do with files, from its tool list", async () => {
    const l = await listing("/tmp");
    expect(l.features).toEqual(
      strict
        ? { details: false, recursiveDelete: false, binaryUpload: false }
        : { details: true, recursiveDelete: true, binaryUpload: true },
    );
    expect(l.entries.find((e) => e.name === "up")?.size === null).toBe(strict);
  });

  it("uploads text exactly and downloads it exactly", async () => {
    const bytes = new TextEncoder().encode(trickyText());
    const res = await uploadFiles("/tmp/up", [{ name: "tricky.txt", bytes }]);
    expect(res.status).toBe(200);
    expect(await shaInSandbox("/tmp/up/tricky.txt")).toBe(sha(bytes));
    expect(sha(await downloadBytes("/tmp/up/tricky.txt"))).toBe(sha(bytes));
  });

  it("refuses to open or download a named pipe, naming what it is, with the request id", async () => {
    await agb.runShell(sid, { command: "mkfifo /tmp/up/pipe", timeoutMs: 10_000 });
    // The detailed listing says what it is, so the browser does not offer to open it; AGB's does not say.
    const entry = (await listing("/tmp/up")).entries.find((e) => e.name === "pipe");
    expect(entry?.special).toBe(strict ? null : "named pipe");
    for (const route of [content.GET, download.GET]) {
      const path = `/api/sessions/${sid}/files/${route === content.GET ? "content" : "download"}?path=/tmp/up/pipe`;
      const res = await call(route, p(path));
      expect(res.status).toBe(422);
      const body = await json<{ error: { code: string; message: string; requestId: string } }>(res);
      expect(body.error.code).toBe("not_a_file");
      expect(body.error.message).toBe(
        "/tmp/up/pipe is not a regular file (a named pipe, socket or device): it has no content to open or download",
      );
      expect(body.error.requestId).toBeTruthy();
    }
    await agb.runShell(sid, { command: "rm /tmp/up/pipe" });
  });

  it("opens and downloads a file whose size says 0 but has content (procfs) exactly, and an empty file as empty", async () => {
    const cat = (await agb.runShell(sid, { command: "cat /proc/version", timeoutMs: 10_000 })).stdout;
    expect(cat.length).toBeGreaterThan(20);
    expect((await agb.getFileInfo(sid, "/proc/version")).size).toBe(0);
    const open = await call(content.GET, p(`/api/sessions/${sid}/files/content?path=/proc/version`));
    expect(open.status).toBe(200);
    const shown = await json<{ content: string; size: number; binary: boolean; truncated: boolean }>(open);
    expect(shown).toMatchObject({ content: cat, size: Buffer.byteLength(cat), binary: false, truncated: false });
    expect(sha(await downloadBytes("/proc/version"))).toBe(await shaInSandbox("/proc/version"));

    await agb.runShell(sid, { command: ": > /tmp/up/empty.txt" });
    const empty = await json<{ content: string; size: number }>(
      await call(content.GET, p(`/api/sessions/${sid}/files/content?path=/tmp/up/empty.txt`)),
    );
    expect(empty).toMatchObject({ content: "", size: 0 });
    expect((await downloadBytes("/tmp/up/empty.txt")).length).toBe(0);
  });

  it("downloads binary bytes exactly (read_file's base64 format)", async () => {
    await agb.runShell(sid, { command: "head -c 300001 /dev/urandom > /tmp/up/made.bin", timeoutMs: 10_000 });
    const inSandbox = await shaInSandbox("/tmp/up/made.bin");
    const got = await downloadBytes("/tmp/up/made.bin");
    expect(got.length).toBe(300_001);
    expect(sha(got)).toBe(inSandbox);
    expect(await downloadBytes("/tmp/up/tricky.txt").then((b) => b.length)).toBeGreaterThan(51_200);
  });

  it(
    strict ? "refuses a binary upload before writing anything, saying why" : "uploads binary bytes exactly",
    async () => {
      const binary = new Uint8Array(crypto.randomBytes(70_000));
      binary[0] = 0xff; // never valid UTF-8
      const text = new TextEncoder().encode("plain text\n");
      const res = await uploadFiles("/tmp/up", [
        { name: "first.txt", bytes: text },
        { name: "photo.bin", bytes: binary },
      ]);
      const names = (await listing("/tmp/up")).entries.map((e) => e.name);
      if (strict) {
        expect(res.status).toBe(422);
        const body = await json<{ error: { code: string; message: string } }>(res);
        expect(body.error.code).toBe("binary_unsupported");
        expect(body.error.message).toMatch(/Nothing was uploaded: photo\.bin is not UTF-8 text.*text files only/);
        expect(names).not.toContain("first.txt");
        expect(names).not.toContain("photo.bin");
      } else {
        expect(res.status).toBe(200);
        expect(await shaInSandbox("/tmp/up/photo.bin")).toBe(sha(binary));
        expect(sha(await downloadBytes("/tmp/up/photo.bin"))).toBe(sha(binary));
        expect(names).toEqual(expect.arrayContaining(["first.txt", "photo.bin"]));
      }
    },
  );

  it(
    strict ? "deletes only empty folders, and says why for one with contents" : "deletes a folder with its contents",
    async () => {
      await agb.runShell(sid, { command: "mkdir -p /tmp/full/sub /tmp/empty && echo x > /tmp/full/sub/f" });
      const del = (path: string) =>
        call(files.DELETE, { ...p(`/api/sessions/${sid}/files?path=${path}&recursive=1`), method: "DELETE" });
      expect((await del("/tmp/empty")).status).toBe(200);
      const full = await del("/tmp/full");
      const left = (await listing("/tmp")).entries.map((e) => e.name);
      expect(left).not.toContain("empty");
      if (strict) {
        expect(full.status).toBe(422);
        expect((await json<{ error: { code: string; message: string } }>(full)).error).toMatchObject({
          code: "folder_not_empty",
          message: expect.stringMatching(/deletes only empty folders/),
        });
        expect(left).toContain("full");
      } else {
        expect(full.status).toBe(200);
        expect(left).not.toContain("full");
      }
    },
  );
});
