/**
 * Slots: each live sandbox owns a slot number, which fixes its uid (100000+slot when the runtime is
 * root) and its files: `<runtime>/slots/<slot>/mnt/{home,tmp}` on the slot's own disk image, or
 * `<runtime>/slots/<slot>/{home,tmp}` in "dir" mode (disk.ts); kept across runtime restarts.
 * A slot is handed out again only after its sandbox is dead and its folder removed.
 */
import fs from "node:fs";
import path from "node:path";
import {
  ensureImage,
  mountPath,
  slotDiskMode,
  unmountUnder,
  unmountUnderSync,
  type DiskMode,
  type DiskSettings,
} from "./disk";
import { SLOT_UID_BASE } from "./limits";

export class SlotAllocator {
  private readonly used = new Set<number>();

  constructor(initial: Iterable<number> = []) {
    for (const s of initial) this.used.add(s);
  }

  alloc(): number {
    let s = 1;
    while (this.used.has(s)) s++;
    this.used.add(s);
    return s;
  }

  /** Marks a slot as taken (sessions loaded from the store). */
  claim(slot: number): void {
    this.used.add(slot);
  }

  free(slot: number): void {
    this.used.delete(slot);
  }

  has(slot: number): boolean {
    return this.used.has(slot);
  }
}

export interface SlotPaths {
  root: string;
  home: string;
  tmp: string;
  passwd: string;
  group: string;
  disk: DiskMode;
}

export const slotsDir = (runtimeDir: string) => path.join(runtimeDir, "slots");

export function slotPaths(runtimeDir: string, slot: number, disk: DiskMode = "dir"): SlotPaths {
  const root = path.join(slotsDir(runtimeDir), String(slot));
  const files = disk === "image" ? mountPath(root) : root;
  return {
    root,
    home: path.join(files, "home"),
    tmp: path.join(files, "tmp"),
    passwd: path.join(root, "passwd"),
    group: path.join(root, "group"),
    disk,
  };
}

export function slotUid(slot: number, isRoot: boolean, base = SLOT_UID_BASE): number {
  return isRoot ? base + slot : process.getuid!();
}

const readOr = (f: string) => {
  try {
    return fs.readFileSync(f, "utf8");
  } catch {
    return "";
  }
};

/** Creates (or keeps and mounts) the slot's disk and folders, owned by its uid, and its passwd/group. */
export async function prepareSlotDisk(
  runtimeDir: string,
  slot: number,
  uid: number,
  isRoot: boolean,
  disk: DiskSettings,
): Promise<SlotPaths> {
  const root = slotPaths(runtimeDir, slot).root;
  fs.mkdirSync(root, { recursive: true, mode: 0o711 });
  const mode = isRoot ? slotDiskMode(root, disk.mode) : "dir";
  if (mode === "image") {
    await ensureImage(root, disk);
    // The first inodes of a just-made file system are slow to allocate (its bitmaps are read in
    // from the image): made off the event loop here, prepareSlot then finds them.
    const p = slotPaths(runtimeDir, slot, mode);
    await Promise.all([
      fs.promises.mkdir(p.home, { recursive: true, mode: 0o700 }),
      fs.promises.mkdir(p.tmp, { recursive: true, mode: 0o1777 }),
    ]);
  }
  return prepareSlot(runtimeDir, slot, uid, isRoot, mode);
}

/** Creates (or keeps) the slot's folders, owned by its uid, and its passwd/group files. */
export function prepareSlot(
  runtimeDir: string,
  slot: number,
  uid: number,
  isRoot: boolean,
  disk: DiskMode = "dir",
): SlotPaths {
  const p = slotPaths(runtimeDir, slot, disk);
  fs.mkdirSync(p.root, { recursive: true, mode: 0o711 });
  fs.mkdirSync(p.home, { recursive: true, mode: 0o700 });
  fs.mkdirSync(p.tmp, { recursive: true, mode: 0o1777 });
  fs.chmodSync(p.tmp, 0o1777);
  if (isRoot) {
    fs.chownSync(p.home, uid, uid);
    fs.chownSync(p.tmp, uid, uid);
  }
  // Our entry first, so getpwuid() names the session user "user" with home /home/user.
  const gid = isRoot ? uid : process.getgid!();
  fs.writeFileSync(p.passwd, `user:x:${uid}:${gid}:AGB session:/home/user:/bin/sh\n` + readOr("/etc/passwd"), {
    mode: 0o644,
  });
  fs.writeFileSync(p.group, `user:x:${gid}:\n` + readOr("/etc/group"), { mode: 0o644 });
  return p;
}

/** Unmounts the slot's disk and deletes its files (sync: start-up recovery). */
export function removeSlotFiles(runtimeDir: string, slot: number): void {
  const root = slotPaths(runtimeDir, slot).root;
  unmountUnderSync(root);
  fs.rmSync(root, { recursive: true, force: true, maxRetries: 3 });
}

/** Unmounts the slot's disk and deletes its files without blocking the event loop on umount. */
export async function releaseSlotFiles(runtimeDir: string, slot: number): Promise<void> {
  const root = slotPaths(runtimeDir, slot).root;
  await unmountUnder(root);
  await fs.promises.rm(root, { recursive: true, force: true, maxRetries: 3 });
}

/** Slot folders on disk (numbers only). */
export function slotsOnDisk(runtimeDir: string): number[] {
  try {
    return fs
      .readdirSync(slotsDir(runtimeDir))
      .filter((n) => /^\d+$/.test(n))
      .map(Number);
  } catch {
    return [];
  }
}
