/**
 * The zygote's scratch folders (matplotlib's config dir and the IPython shell's profile while it
 * imports) are removed when it is done with them; a zygote killed mid-start leaves them, so the
 * next one removes those whose zygote no longer runs.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { afterAll, expect, it } from "vitest";
import { processTree } from "@/lib/runtime/warm/cpu-priority";
import { Zygote } from "@/lib/runtime/zygote/zygote";

const tmp = os.tmpdir();
const made: string[] = [];
function scratch(name: string, ageS = 0) {
  const dir = path.join(tmp, name);
  fs.mkdirSync(path.join(dir, "profile"), { recursive: true });
  fs.writeFileSync(path.join(dir, "profile", "db"), "x");
  if (ageS) {
    const t = new Date(Date.now() - ageS * 1000);
    fs.utimesSync(dir, t, t);
  }
  made.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

/** A pid that runs nothing now (pid_max is at most 2^22). */
function deadPid() {
  for (let p = 4_194_000; ; p++) if (!fs.existsSync(`/proc/${p}`)) return p;
}

it("a zygote removes the scratch folders of dead zygotes and keeps those of live ones", async () => {
  const tag = process.pid.toString(36);
  const dead = scratch(`agb-zygote-${deadPid()}-t${tag}`);
  const live = scratch(`agb-zygote-${process.pid}-t${tag}`);
  const oldUnnamed = scratch(`agb-zygote-t${tag}old`, 7200);
  const newUnnamed = scratch(`agb-zygote-t${tag}new`);
  const z = new Zygote(pino({ level: "silent" }));
  let own: string[] = [];
  try {
    await z.start();
    const zygotes = processTree(process.pid).filter((p) => {
      try {
        return fs.readFileSync(`/proc/${p}/cmdline`, "utf8").includes("agb-zygote");
      } catch {
        return false;
      }
    });
    expect(zygotes).toHaveLength(1);
    own = fs.readdirSync(tmp).filter((n) => n.startsWith(`agb-zygote-${zygotes[0]}-`));
  } finally {
    z.close();
  }
  expect(fs.existsSync(dead)).toBe(false);
  expect(fs.existsSync(oldUnnamed)).toBe(false);
  expect(fs.existsSync(live)).toBe(true);
  expect(fs.existsSync(newUnnamed)).toBe(true);
  // Its own are gone once it is up.
  expect(own).toEqual([]);
}, 60_000);
