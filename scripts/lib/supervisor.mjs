// Keeps a child process running: restarts it when it exits unexpectedly, after a backoff that
// starts at 100 ms and doubles with each crash that came soon after a start (capped at 5 s; a
// crash after a stable run starts again from 100 ms), and gives up only when it crashed
// `maxCrashes` times within `windowMs`. Used by `npm start` for the embedded runtime, whose
// sessions, labels and files survive a restart.

/**
 * @param {object} o
 * @param {string} o.name              what the child is, for messages
 * @param {() => import("node:child_process").ChildProcess} o.start  spawns one instance
 * @param {number} [o.maxCrashes]      crashes within windowMs that make it give up (default 5)
 * @param {number} [o.windowMs]        default 60 s
 * @param {number} [o.baseBackoffMs]   first restart delay (default 100 ms), doubled per quick crash
 * @param {number} [o.maxBackoffMs]    default 5 s
 * @param {number} [o.stableMs]        a run this long resets the backoff (default 3 s)
 * @param {(msg: string) => void} [o.log]
 * @param {(info: { code: number | null, signal: string | null, restartInMs: number, crashes: number }) => void} [o.onCrash]
 * @param {(started: import("node:child_process").ChildProcess) => void} [o.onStart]
 * @param {() => boolean} [o.restartable]  false (e.g. before it was first ready): give up at once
 * @param {(reason: string) => void} o.onGiveUp
 */
export function supervise(o) {
  const maxCrashes = o.maxCrashes ?? 5;
  const windowMs = o.windowMs ?? 60_000;
  const base = o.baseBackoffMs ?? 100;
  const cap = o.maxBackoffMs ?? 5_000;
  const stableMs = o.stableMs ?? 3_000;
  let quick = 0; // consecutive crashes that came less than stableMs after their start
  const log = o.log ?? ((m) => console.error(m));
  let crashes = [];
  let stopping = false;
  let timer = null;
  let child = null;

  const launch = () => {
    timer = null;
    if (stopping) return;
    const c = o.start();
    const startedAt = Date.now();
    child = c;
    o.onStart?.(c);
    c.once("exit", (code, signal) => {
      // Let a stop() triggered by the same Ctrl+C (the whole process group gets SIGINT) run first.
      setTimeout(() => {
        if (stopping || child !== c) return;
        const now = Date.now();
        crashes = [...crashes.filter((t) => now - t < windowMs), now];
        const how = signal ? `signal ${signal}` : `code ${code}`;
        if (o.restartable && !o.restartable()) {
          child = null;
          o.onGiveUp(`the ${o.name} exited (${how}) before it was ready`);
          return;
        }
        if (crashes.length >= maxCrashes) {
          child = null;
          o.onGiveUp(
            `the ${o.name} crashed ${crashes.length} times within ${Math.round(windowMs / 1000)} s (last: ${how}); giving up`,
          );
          return;
        }
        quick = now - startedAt < stableMs ? quick + 1 : 1;
        const delay = Math.min(cap, base * 2 ** (quick - 1));
        log(
          `[start] the ${o.name} exited unexpectedly (${how}); restarting in ${delay} ms (crash ${crashes.length} of ${maxCrashes} allowed within ${Math.round(windowMs / 1000)} s)`,
        );
        o.onCrash?.({ code, signal, restartInMs: delay, crashes: crashes.length });
        timer = setTimeout(launch, delay);
      }, 20);
    });
  };
  launch();

  return {
    /** The running instance, or null between a crash and its restart. */
    get child() {
      return child && child.exitCode === null && child.signalCode === null ? child : null;
    },
    /** Stops supervising and sends SIGTERM, then SIGKILL after graceMs; resolves when it exited. */
    stop(graceMs = 10_000) {
      stopping = true;
      if (timer) clearTimeout(timer);
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return Promise.resolve();
      return new Promise((resolve) => {
        const t = setTimeout(() => c.kill("SIGKILL"), graceMs);
        c.once("exit", () => {
          clearTimeout(t);
          resolve();
        });
        c.kill("SIGTERM");
      });
    },
  };
}
