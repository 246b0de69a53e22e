import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { bwrapArgs } from "../../../lib/runtime/sandbox/sandbox";
import { prepareSlot, slotUid } from "../../../lib/runtime/sandbox/slots";

/** Runs cmd to its end, resolving with its stdout, rejecting with its stderr on a non-zero exit. */
export function capture(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const c = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    c.stdout.on("data", (d) => (out += d));
    c.stderr.on("data", (d) => (err += d));
    c.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} exited ${code}: ${err}`))));
  });
}

/**
 * A baseline sandbox with the sessions' bwrap recipe in slot 999 under runtimeDir (whose slots
 * folder the caller has made): `run(cmd)` starts a fresh one-shot sandbox for cmd, dropping to the
 * slot's uid first when we are root, as the runtime does. `remove()` deletes the slot's root.
 */
export function oneShotSandbox(runtimeDir: string) {
  const isRoot = process.getuid?.() === 0;
  const uid = slotUid(999, isRoot);
  const p = prepareSlot(runtimeDir, 999, uid, isRoot);
  return {
    run: (cmd: string[]) =>
      isRoot
        ? capture("setpriv", [
            `--reuid=${uid}`,
            `--regid=${uid}`,
            "--clear-groups",
            "--inh-caps=-all",
            "--",
            "bwrap",
            ...bwrapArgs(p, cmd),
          ])
        : capture("bwrap", bwrapArgs(p, cmd)),
    remove: () => fs.rmSync(p.root, { recursive: true, force: true }),
  };
}

/** Makes runtimeDir/slots and opens dataDir, runtimeDir and slots to the slot uids (0711), as the runtime does. */
export function prepareSlotsDir(dataDir: string, runtimeDir: string) {
  const slots = path.join(runtimeDir, "slots");
  fs.mkdirSync(slots, { recursive: true });
  for (const d of [dataDir, runtimeDir, slots]) fs.chmodSync(d, 0o711);
}
