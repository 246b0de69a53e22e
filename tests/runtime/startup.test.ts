import fs from "node:fs";
import path from "node:path";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { ownerOf } from "@/lib/runtime/http/server";
import { startRuntime } from "@/lib/runtime/main";
import { newSessionId, newToken } from "@/lib/runtime/sessions/service";
import { openDb } from "@/lib/runtime/store/db";
import { SessionStore } from "@/lib/runtime/store/sessions";
import { startTestRuntime, tempDataDir } from "./helpers";

describe("start-up", () => {
  it("refuses to start without a working sandbox, and says how to proceed", async () => {
    const dataDir = tempDataDir("nosb");
    try {
      await expect(
        startRuntime({
          port: 0,
          dataDir,
          apiKeys: ["k-startup-1"],
          logLevel: "silent",
          bwrapPath: "/nonexistent/bwrap",
        }),
      ).rejects.toThrow(/sandbox self-test failed.*AGB_RUNTIME_UNSANDBOXED=1/);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("runs unsandboxed only when asked, warns loudly and flags every session", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(c, _e, cb) {
        lines.push(c.toString());
        cb();
      },
    });
    const t = await startTestRuntime({
      unsandboxed: true,
      bwrapPath: "/nonexistent/bwrap",
      logLevel: "warn",
      logDestination: sink as never,
    });
    try {
      expect(lines.join("")).toMatch(/WITHOUT bubblewrap isolation/);
      const r = await t.wire.createSession();
      expect(r.body.data.sandboxed).toBe(false);
      const id = r.body.data.sessionId;
      expect((await t.wire.post("/mcp/getSession", { sessionId: id })).body.data.sandboxed).toBe(false);
      expect((await t.wire.shell(id, "echo $AGB_SANDBOXED")).out.stdout).toBe("0\n");
      expect((await t.wire.withKey(null).get("/health")).body.sandboxed).toBe(false);
    } finally {
      await t.stop();
    }
  });

  it("gives sessions uids from AGB_RUNTIME_UID_BASE, so runtimes on one host keep apart", async () => {
    const t = await startTestRuntime({ env: { AGB_RUNTIME_UID_BASE: "130000" } });
    try {
      const id = await t.wire.newSession();
      const uid = Number((await t.wire.shell(id, "id -u")).out.stdout.trim());
      if (process.getuid?.() === 0) {
        expect(uid).toBeGreaterThan(130000);
        expect(uid).toBeLessThan(131000);
      } else expect(uid).toBe(process.getuid?.());
    } finally {
      await t.stop();
    }
  });

  it("generates an API key once (mode 0600) when none is configured", async () => {
    const dataDir = tempDataDir("key");
    const rt = await startRuntime({ port: 0, dataDir, apiKeys: [], logLevel: "silent", poolSize: 0, env: {} });
    const file = path.join(dataDir, "runtime", "api-key");
    expect(fs.readFileSync(file, "utf8").trim()).toBe(rt.apiKey);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    await rt.close();
    const again = await startRuntime({ port: 0, dataDir, apiKeys: [], logLevel: "silent", poolSize: 0, env: {} });
    expect(again.apiKey).toBe(rt.apiKey);
    await again.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("gives a session inserted without a sandbox (benchmark seeding) its sandbox on the first tool call", async () => {
    const dataDir = tempDataDir("seed");
    const db = openDb(path.join(dataDir, "runtime"));
    const id = newSessionId();
    new SessionStore(db).insert(
      {
        id,
        owner: ownerOf("test-key-owner-a"),
        imageId: "agb-code-space-1",
        nowMs: Date.now(),
        idleTimeoutS: 600,
        token: newToken(),
        slot: null,
        sandboxed: true,
        seeded: true,
      },
      { seeded: "yes" },
    );
    db.close();
    const t = await startTestRuntime({ dataDir });
    try {
      expect((await t.wire.list({ labels: { seeded: "yes" } })).body.data[0].sessionId).toBe(id);
      const r = await t.wire.shell(id, "echo lazy > ~/x && cat ~/x");
      expect(r.out.stdout).toBe("lazy\n");
    } finally {
      await t.stop();
    }
  });
});
