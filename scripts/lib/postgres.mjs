// A throwaway PostgreSQL server for tests and benches: a fresh cluster in a temp dir, on a free
// loopback port, gone again after stop(). Plain JS so that vitest, Playwright specs and benches
// can all import it. `npm test` installs Debian's `postgresql` package (scripts/ensure-deps.sh);
// no system cluster is used or needed, only its binaries.
//
//   const pg = await startThrowawayPostgres({ name: "store-tests" });
//   process.env.DATABASE_URL = pg.url; ... await pg.stop();
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

const INSTALL_HINT = "apt-get install postgresql (or run `npm test`, which installs it when run as root)";

/** The directory of initdb/pg_ctl: Debian's newest /usr/lib/postgresql/<version>/bin, else PATH. */
export function findPostgresBin() {
  const base = "/usr/lib/postgresql";
  const versions = fs.existsSync(base)
    ? fs
        .readdirSync(base)
        .filter((v) => /^\d+(\.\d+)?$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  for (const v of versions) {
    const dir = path.join(base, v, "bin");
    if (["initdb", "pg_ctl", "postgres"].every((b) => fs.existsSync(path.join(dir, b)))) return dir;
  }
  for (const dir of (process.env.PATH ?? "").split(path.delimiter).filter(Boolean))
    if (fs.existsSync(path.join(dir, "initdb")) && fs.existsSync(path.join(dir, "pg_ctl"))) return dir;
  throw new Error(
    `PostgreSQL is not installed: no initdb/pg_ctl under ${base}/<version>/bin or on PATH. Install it with: ${INSTALL_HINT}`,
  );
}

/**
 * How to run the server's binaries. initdb and postgres refuse to run as root, so as root they run
 * as Debian's `postgres` system user (created by the package); otherwise as the current user.
 */
function runAs() {
  if (process.getuid?.() !== 0) return { wrap: (cmd, args) => [cmd, args], uid: null, gid: null };
  const line = fs
    .readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((l) => l.startsWith("postgres:"));
  if (!line)
    throw new Error(
      `PostgreSQL cannot run as root and there is no "postgres" system user to run it as. Install Debian's package, which creates it: ${INSTALL_HINT}`,
    );
  const [, , uid, gid] = line.split(":");
  return {
    wrap: (cmd, args) => ["runuser", ["-u", "postgres", "--", cmd, ...args]],
    uid: Number(uid),
    gid: Number(gid),
  };
}

function exec(who, cwd, cmd, args) {
  const [c, a] = who.wrap(cmd, args);
  const r = spawnSync(c, a, { cwd, encoding: "utf8", env: { ...process.env, LC_ALL: "C" } });
  if (r.error) throw new Error(`${path.basename(cmd)} could not be started: ${r.error.message}`);
  return { ok: r.status === 0, out: `${r.stdout}${r.stderr}`.trim() };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const live = new Set();
// A test run that crashes or forgets stop() must not leave servers behind.
process.once("exit", () => {
  for (const stop of live) stop();
});

/**
 * Starts a fresh PostgreSQL on 127.0.0.1 (a free port), with a generated password, fsync off
 * (tests only: a crash loses data), and database `name`. Resolves once it accepts connections.
 * @param {{ name?: string }} [opts]
 * @returns {Promise<{ url: string, port: number, dir: string, stop(): Promise<void> }>}
 */
export async function startThrowawayPostgres({ name = "agb_test" } = {}) {
  const dbName = name.toLowerCase().replace(/[^a-z0-9_]/g, "_");
  const bin = findPostgresBin();
  const who = runAs();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `agb-pg-${dbName}-`));
  const data = path.join(dir, "data");
  const socketDir = path.join(dir, "socket");
  const password = randomBytes(18).toString("base64url");
  fs.mkdirSync(socketDir, { mode: 0o700 });
  fs.writeFileSync(path.join(dir, "pwfile"), `${password}\n`, { mode: 0o600 });
  if (who.uid !== null) for (const p of [dir, socketDir, path.join(dir, "pwfile")]) fs.chownSync(p, who.uid, who.gid);

  let started = false;
  const stopSync = () => {
    live.delete(stopSync);
    if (started) exec(who, dir, path.join(bin, "pg_ctl"), ["stop", "-D", data, "-m", "fast", "-w", "-t", "30"]);
    started = false;
    fs.rmSync(dir, { recursive: true, force: true });
  };
  live.add(stopSync);

  try {
    // Password auth over TCP; the unix socket (in the 0700 temp dir) trusts its owner.
    const init = exec(who, dir, path.join(bin, "initdb"), [
      "-D",
      data,
      "-U",
      "postgres",
      "--pwfile",
      path.join(dir, "pwfile"),
      "--auth-host=scram-sha-256",
      "--auth-local=trust",
      "--encoding=UTF8",
      "--locale=C",
      "--no-sync",
    ]);
    if (!init.ok)
      throw new Error(
        `initdb failed${who.uid !== null ? ` (run as the postgres user, which must be able to reach ${dir})` : ""}:\n${init.out}`,
      );

    // The port is free when we look and taken by someone else a moment later, now and then: retry.
    let port = 0;
    let lastOut = "";
    for (let attempt = 0; attempt < 3 && !started; attempt++) {
      port = await freePort();
      const opts = [
        `-p ${port}`,
        "-c listen_addresses=127.0.0.1",
        `-c unix_socket_directories=${socketDir}`,
        "-c fsync=off",
        "-c synchronous_commit=off",
        "-c full_page_writes=off",
        "-c max_connections=100",
      ].join(" ");
      const r = exec(who, dir, path.join(bin, "pg_ctl"), [
        "start",
        "-D",
        data,
        "-w",
        "-t",
        "60",
        "-l",
        path.join(dir, "server.log"),
        "-o",
        opts,
      ]);
      started = r.ok;
      lastOut = r.out;
    }
    if (!started) {
      let log = "";
      try {
        log = fs.readFileSync(path.join(dir, "server.log"), "utf8").slice(-2000);
      } catch {
        /* no log */
      }
      throw new Error(`PostgreSQL did not start (pg_ctl start):\n${lastOut}\n${log}`);
    }

    const admin = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}`;
    await waitForConnections(`${admin}/postgres`);
    const client = new pg.Client({ connectionString: `${admin}/postgres` });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE "${dbName}"`);
    } finally {
      await client.end();
    }
    const url = `${admin}/${dbName}`;
    return {
      url,
      port,
      dir,
      async stop() {
        stopSync();
      },
    };
  } catch (e) {
    stopSync();
    throw e;
  }
}

async function waitForConnections(url, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const c = new pg.Client({ connectionString: url });
    try {
      await c.connect();
      await c.query("SELECT 1");
      return;
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`PostgreSQL does not accept connections: ${e.message}`);
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      await c.end().catch(() => {});
    }
  }
}
