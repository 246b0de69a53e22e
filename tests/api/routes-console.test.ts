// Console route handlers (code, stream, interrupt, command, files, metrics) against the real
// runtime, then every backend-calling route answering 503 once the runtime is stopped.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as code from "@/app/api/sessions/[id]/code/route";
import * as interrupt from "@/app/api/sessions/[id]/code/interrupt/route";
import * as stream from "@/app/api/sessions/[id]/code/stream/route";
import * as command from "@/app/api/sessions/[id]/command/route";
import * as content from "@/app/api/sessions/[id]/files/content/route";
import * as download from "@/app/api/sessions/[id]/files/download/route";
import * as mkdir from "@/app/api/sessions/[id]/files/mkdir/route";
import * as move from "@/app/api/sessions/[id]/files/move/route";
import * as files from "@/app/api/sessions/[id]/files/route";
import * as search from "@/app/api/sessions/[id]/files/search/route";
import * as upload from "@/app/api/sessions/[id]/files/upload/route";
import * as metrics from "@/app/api/sessions/[id]/metrics/route";
import * as session from "@/app/api/sessions/[id]/route";
import * as images from "@/app/api/images/route";
import * as sessions from "@/app/api/sessions/route";
import * as labelsKnown from "@/app/api/labels/known/route";
import { call, createSessionViaApi, json, startApiEnv, type ApiEnv, type CallOpts } from "./fixture";

let env: ApiEnv;
let sid: string;
const dir = `/tmp/console-${Date.now()}`;
type Err = { error: { code: string; message: string; requestId?: string; issues?: { path: string }[] } };
const at = (o: Omit<CallOpts, "cookie" | "params"> & { id?: string }): CallOpts => ({
  ...o,
  cookie: env.cookie,
  params: { id: o.id ?? sid },
});

beforeAll(async () => {
  env = await startApiEnv("routes-console");
  sid = await createSessionViaApi(env);
});
afterAll(async () => {
  await env?.stop();
});

function parseSse(text: string): { event: string; data: Record<string, unknown> }[] {
  return text
    .split("\n\n")
    .filter((b) => b.startsWith("event:"))
    .map((b) => {
      const [ev, data] = b.split("\n");
      return { event: ev.slice(7), data: JSON.parse(data.slice(6)) };
    });
}

describe("code and commands", () => {
  it("runs code and returns the parsed result", async () => {
    const r = await json<{ ok: boolean; stdout: string[]; requestId: string }>(
      await call(
        code.POST,
        at({ method: "POST", path: "/x", body: { language: "python", code: "print('hi from route')" } }),
      ),
    );
    expect(r.ok).toBe(true);
    expect(r.stdout.join("")).toContain("hi from route");
    expect(r.requestId).toBeTruthy();
  });

  it("streams code output as Server-Sent Events ending with `end`", async () => {
    const res = await call(
      stream.POST,
      at({ method: "POST", path: "/x", body: { language: "python", code: "for i in range(3): print('line', i)" } }),
    );
    expect(res.headers.get("content-type")).toMatch(/text\/event-stream/);
    const events = parseSse(await res.text());
    expect(
      events
        .filter((e) => e.event === "stdout")
        .map((e) => e.data.chunk)
        .join(""),
    ).toContain("line 2");
    expect(events.at(-1)).toMatchObject({ event: "end", data: { type: "end", ok: true } });
  });

  it("streams a failing run as an error event and end ok:false", async () => {
    const events = parseSse(
      await (
        await call(stream.POST, at({ method: "POST", path: "/x", body: { language: "python", code: "1/0" } }))
      ).text(),
    );
    expect(events.some((e) => e.event === "error")).toBe(true);
    expect(events.at(-1)?.data.ok).toBe(false);
  });

  it("interrupts a long run", async () => {
    const running = call(
      code.POST,
      at({
        method: "POST",
        path: "/x",
        body: { language: "python", code: "import time\nfor _ in range(600): time.sleep(0.1)", timeoutS: 120 },
      }),
    );
    await new Promise((r) => setTimeout(r, 1500));
    const i = await call(interrupt.POST, at({ method: "POST", path: "/x", body: { language: "python" } }));
    expect(i.status).toBe(200);
    const r = await json<{ ok: boolean; error: { name: string; value: string } | null }>(await running);
    expect(r.ok).toBe(false);
    expect(r.error?.value).toMatch(/^KeyboardInterrupt/); // stopped by the interrupt, not by a timeout
  });

  it("runs a command with cwd and envs", async () => {
    const r = await json<{ stdout: string; exitCode: number; timedOut: boolean; durationMs: number }>(
      await call(
        command.POST,
        at({ method: "POST", path: "/x", body: { command: "pwd; echo $X", cwd: "/tmp", envs: { X: "y z" } } }),
      ),
    );
    expect(r).toMatchObject({ stdout: "/tmp\ny z\n", exitCode: 0, timedOut: false });
    const bad = await call(command.POST, at({ method: "POST", path: "/x", body: { command: "", timeoutMs: 1 } }));
    expect(bad.status).toBe(422);
    expect((await json<Err>(bad)).error.issues!.map((i) => i.path)).toEqual(
      expect.arrayContaining(["command", "timeoutMs"]),
    );
  });

  it("answers 404 for an unknown session", async () => {
    for (const h of [code.POST, command.POST, stream.POST]) {
      const r = await call(
        h,
        at({ method: "POST", path: "/x", id: "s-nope-1", body: { language: "python", code: "1", command: "echo" } }),
      );
      expect(r.status).toBe(404);
    }
  });
});

describe("files", () => {
  it("makes a directory, writes, lists with sizes, reads, searches, moves and deletes", async () => {
    expect((await call(mkdir.POST, at({ method: "POST", path: "/x", body: { path: `${dir}/sub` } }))).status).toBe(200);
    expect(
      (await call(content.PUT, at({ method: "PUT", path: "/x", body: { path: `${dir}/a.txt`, content: "héllo\n" } })))
        .status,
    ).toBe(200);
    const list = await json<{ entries: { name: string; isDirectory: boolean; size: number | null }[] }>(
      await call(files.GET, at({ path: `/x?path=${encodeURIComponent(dir)}` })),
    );
    expect(list.entries.map((e) => e.name)).toEqual(["sub", "a.txt"]);
    expect(list.entries[1].size).toBe(7);
    const read = await json<{ content: string; binary: boolean; size: number; truncated: boolean }>(
      await call(content.GET, at({ path: `/x?path=${encodeURIComponent(`${dir}/a.txt`)}` })),
    );
    expect(read).toMatchObject({ content: "héllo\n", binary: false, size: 7, truncated: false });
    const part = await json<{ content: string; truncated: boolean }>(
      await call(content.GET, at({ path: `/x?path=${encodeURIComponent(`${dir}/a.txt`)}&offset=0&length=2` })),
    );
    expect(part).toMatchObject({ content: "h", truncated: true });
    const found = await json<{ matches: string[] }>(
      await call(search.GET, at({ path: `/x?path=${encodeURIComponent(dir)}&pattern=a.txt` })),
    );
    expect(found.matches).toEqual([`${dir}/a.txt`]);
    expect(
      (
        await call(
          move.POST,
          at({ method: "POST", path: "/x", body: { source: `${dir}/a.txt`, destination: `${dir}/sub/b.txt` } }),
        )
      ).status,
    ).toBe(200);
    expect(
      (await call(files.DELETE, at({ method: "DELETE", path: `/x?path=${encodeURIComponent(`${dir}/sub/b.txt`)}` })))
        .status,
    ).toBe(200);
    const gone = await call(content.GET, at({ path: `/x?path=${encodeURIComponent(`${dir}/sub/b.txt`)}` }));
    expect(gone.status).toBe(404);
    expect((await json<Err>(gone)).error.requestId).toBeTruthy();
  });

  it("deletes a non-empty folder only when asked to recurse", async () => {
    const tree = `${dir}/tree`;
    await call(mkdir.POST, at({ method: "POST", path: "/x", body: { path: `${tree}/deep` } }));
    await call(content.PUT, at({ method: "PUT", path: "/x", body: { path: `${tree}/deep/f.txt`, content: "x" } }));
    const plain = await call(files.DELETE, at({ method: "DELETE", path: `/x?path=${encodeURIComponent(tree)}` }));
    expect(plain.status).toBeGreaterThanOrEqual(400);
    expect(plain.status).toBeLessThan(500);
    const rec = await call(
      files.DELETE,
      at({ method: "DELETE", path: `/x?path=${encodeURIComponent(tree)}&recursive=1` }),
    );
    expect(rec.status).toBe(200);
    const list = await json<{ entries: { name: string }[] }>(
      await call(files.GET, at({ path: `/x?path=${encodeURIComponent(dir)}` })),
    );
    expect(list.entries.map((e) => e.name)).not.toContain("tree");
  });

  it("uploads several files (binary exact) and downloads one as an attachment", async () => {
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 13) % 256);
    const form = new FormData();
    form.append("files", new File([bytes], "blob.bin"));
    form.append("files", new File(["text file\n"], "note.txt"));
    const up = await call(
      upload.POST,
      at({ method: "POST", path: `/x?dir=${encodeURIComponent(dir)}`, rawBody: form }),
    );
    expect(up.status).toBe(200);
    expect((await json<{ written: string[] }>(up)).written).toEqual([`${dir}/blob.bin`, `${dir}/note.txt`]);
    const dl = await call(download.GET, at({ path: `/x?path=${encodeURIComponent(`${dir}/blob.bin`)}` }));
    expect(dl.headers.get("content-disposition")).toMatch(/attachment; filename="blob.bin"/);
    expect(Buffer.compare(Buffer.from(await dl.arrayBuffer()), Buffer.from(bytes))).toBe(0);
    const read = await json<{ binary: boolean }>(
      await call(content.GET, at({ path: `/x?path=${encodeURIComponent(`${dir}/blob.bin`)}` })),
    );
    expect(read.binary).toBe(true);
  });

  it("rejects bad paths, names and forms without a 500", async () => {
    const rel = await call(files.GET, at({ path: "/x?path=relative/dir" }));
    expect(rel.status).toBe(422);
    expect((await json<Err>(rel)).error.issues![0].path).toBe("path");
    const form = new FormData();
    form.append("files", new File(["x"], ".."));
    expect(
      (await call(upload.POST, at({ method: "POST", path: `/x?dir=${encodeURIComponent(dir)}`, rawBody: form })))
        .status,
    ).toBe(422);
    expect(
      (
        await call(
          upload.POST,
          at({
            method: "POST",
            path: `/x?dir=${encodeURIComponent(dir)}`,
            rawBody: "garbage",
            headers: { "content-type": "multipart/form-data; boundary=zz" },
          }),
        )
      ).status,
    ).toBe(400);
    expect((await call(content.GET, at({ path: `/x?path=${encodeURIComponent(dir)}` }))).status).toBe(422);
  });
});

describe("metrics", () => {
  it("returns the session's metrics", async () => {
    const m = await json<{ cpuCount: number; memTotal: number; requestId: string }>(
      await call(metrics.GET, at({ path: "/x" })),
    );
    expect(m.cpuCount).toBeGreaterThan(0);
    expect(m.memTotal).toBeGreaterThan(0);
    expect(m.requestId).toBeTruthy();
  });
});

describe("backend down", () => {
  it("answers 503 (backend unavailable) with a message on every backend call once the runtime is stopped", async () => {
    await env.runtime.stop();
    const cases: [Parameters<typeof call>[0], CallOpts][] = [
      [sessions.GET, { path: "/api/sessions", cookie: env.cookie }],
      [
        sessions.POST,
        { method: "POST", path: "/api/sessions", cookie: env.cookie, body: { imageId: "agb-code-space-1" } },
      ],
      [images.GET, { path: "/api/images", cookie: env.cookie }],
      [labelsKnown.GET, { path: "/api/labels/known?fresh=1", cookie: env.cookie }],
      [session.GET, at({ path: "/x" })],
      [command.POST, at({ method: "POST", path: "/x", body: { command: "echo" } })],
      [files.GET, at({ path: "/x?path=/tmp" })],
    ];
    for (const [h, o] of cases) {
      const r = await call(h, o);
      expect(r.status).toBe(503);
      expect(r.headers.get("retry-after")).toBe("2");
      const e = (await json<Err>(r)).error;
      expect(e.code).toBe("backend_unavailable");
      expect(e.message).toMatch(/backend is unavailable.*Cannot reach AGB/);
    }
  });
});
