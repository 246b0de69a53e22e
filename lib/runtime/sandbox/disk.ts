/**
 * Per-slot disk space that cannot grow past its quota, whoever writes (shell, code, file tools).
 *
 * "image" (root only): `slots/<slot>/disk.img`, a sparse ext4 image of the quota's size with a
 * fixed inode count and no reserved blocks, loop-mounted `nosuid,nodev` at `slots/<slot>/mnt`;
 * the sandbox's /home/user and /tmp are its `home` and `tmp` folders. A write past the quota gets
 * ENOSPC from the kernel. Images stay across runtime restarts (and kill -9: the mount outlives the
 * process and is reused); close() unmounts them, the next start mounts them again on first use.
 * "dir": plain folders on the data dir; only the file tools check the quota (the fallback when the
 * runtime is not root, or AGB_RUNTIME_DISK=dir). Slots made by an older runtime stay "dir".
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { mountImage, runCommand as run } from "./spawner";

export type DiskMode = "image" | "dir";

export interface DiskSettings {
  mode: DiskMode;
  quotaBytes: number;
  inodes: number;
}

export const imagePath = (slotRoot: string) => path.join(slotRoot, "disk.img");
export const mountPath = (slotRoot: string) => path.join(slotRoot, "mnt");

/** Mount points currently mounted at or under `dir` (from /proc/self/mountinfo, deepest first). */
export function mountsUnder(dir: string): string[] {
  let text = "";
  try {
    text = fs.readFileSync("/proc/self/mountinfo", "utf8");
  } catch {
    return [];
  }
  const prefix = path.resolve(dir);
  const out: string[] = [];
  for (const line of text.split("\n")) {
    const mp = line.split(" ")[4];
    if (!mp) continue;
    const p = mp.replace(/\\(\d{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
    if (p === prefix || p.startsWith(prefix + "/")) out.push(p);
  }
  return out.sort((a, b) => b.length - a.length);
}

const isMounted = (mnt: string) => mountsUnder(mnt).includes(path.resolve(mnt));

/**
 * The image is larger than the quota by ext4's own overhead (journal, inode tables, group
 * metadata: ~2 %), so that the space free to the session is the quota. Measured: 512 MiB quota and
 * 32768 inodes give ~512 MiB free.
 */
export function imageGeometry(s: DiskSettings): { imageBytes: number; journalMiB: number } {
  const MiB = 1024 * 1024;
  const journalMiB = Math.max(4, Math.min(16, Math.floor(s.quotaBytes / MiB / 32)));
  const overhead = journalMiB * MiB + s.inodes * 256 + Math.ceil(s.quotaBytes * 0.02) + 4 * MiB;
  return { imageBytes: Math.ceil((s.quotaBytes + overhead) / MiB) * MiB, journalMiB };
}

/** Which mode a slot uses: an existing slot keeps the layout it was made with. */
export function slotDiskMode(slotRoot: string, wanted: DiskMode): DiskMode {
  if (fs.existsSync(imagePath(slotRoot))) return "image";
  if (fs.existsSync(path.join(slotRoot, "home"))) return "dir";
  return wanted;
}

/** Creates the slot's image if missing and mounts it if not mounted. Resolves with the mount point. */
export async function ensureImage(slotRoot: string, s: DiskSettings): Promise<string> {
  const img = imagePath(slotRoot);
  const mnt = mountPath(slotRoot);
  fs.mkdirSync(mnt, { recursive: true, mode: 0o711 });
  if (isMounted(mnt)) return mnt;
  if (!fs.existsSync(img)) {
    const tmp = img + ".new";
    const { imageBytes, journalMiB } = imageGeometry(s);
    const fd = fs.openSync(tmp, "w", 0o600);
    fs.ftruncateSync(fd, imageBytes);
    fs.closeSync(fd);
    // -m 0: no blocks reserved for root; -N: the inode limit; lazy init keeps mkfs at a few ms.
    await run("mkfs.ext4", [
      "-q",
      "-F",
      "-m",
      "0",
      "-N",
      String(s.inodes),
      "-J",
      `size=${journalMiB}`,
      "-E",
      "lazy_itable_init=1,lazy_journal_init=1",
      tmp,
    ]);
    fs.renameSync(tmp, img);
  }
  await mountImage(img, mnt).catch(async () => {
    // mount(8) when the helper could not (no LOOP_CONFIGURE before Linux 5.8...); -t: the type is
    // known (left out, mount probes the image for it).
    if (!isMounted(mnt)) await run("mount", ["-t", "ext4", "-o", "loop,nosuid,nodev,noatime", img, mnt]);
  });
  return mnt;
}

/** Unmounts whatever is mounted under dir (a busy mount is detached lazily). */
export function unmountUnderSync(dir: string): void {
  for (const mp of mountsUnder(dir)) {
    try {
      execFileSync("umount", [mp], { stdio: "ignore" });
    } catch {
      try {
        execFileSync("umount", ["-l", mp], { stdio: "ignore" });
      } catch {
        /* not ours to force */
      }
    }
  }
}

export async function unmountUnder(dir: string): Promise<void> {
  for (const mp of mountsUnder(dir)) {
    try {
      await run("umount", [mp]);
    } catch {
      await run("umount", ["-l", mp]).catch(() => undefined);
    }
  }
}

/** Free bytes for unprivileged writers on the filesystem holding dir. */
export function freeBytes(dir: string): number {
  const s = fs.statfsSync(dir);
  return s.bavail * s.bsize;
}
