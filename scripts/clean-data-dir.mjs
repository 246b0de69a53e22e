#!/usr/bin/env node
// `node scripts/clean-data-dir.mjs DIR`: removes a throwaway data dir (the e2e suite's) even when a
// runtime that was killed outright left its session disk images and sysroot mounted inside it:
// those are unmounted first (lazily, so a process still holding one cannot block the removal).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node scripts/clean-data-dir.mjs DIR");
  process.exit(2);
}
const root = path.resolve(dir);
let mounts = [];
try {
  // /proc/self/mounts escapes spaces as \040; our paths have none we create, but decode anyway.
  mounts = fs
    .readFileSync("/proc/self/mounts", "utf8")
    .split("\n")
    .map((l) => l.split(" ")[1]?.replace(/\\040/g, " "))
    .filter((m) => m && (m === root || m.startsWith(root + path.sep)));
} catch {
  /* no /proc: nothing can be mounted by us either */
}
// Deepest first, so a mount inside another goes before its parent.
for (const m of mounts.sort((a, b) => b.length - a.length)) {
  try {
    execFileSync("umount", ["-l", m], { stdio: "ignore" });
  } catch {
    console.error(`[clean-data-dir] could not unmount ${m}`);
  }
}
fs.rmSync(root, { recursive: true, force: true });
