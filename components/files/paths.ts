// Path and display helpers for the file browser. Paths are absolute POSIX paths inside the session.
import type { FileEntry } from "@/lib/api/schemas/console";

export const FILE_ROOTS = [
  { id: "home", label: "Home", path: "/home/user" },
  { id: "tmp", label: "/tmp", path: "/tmp" },
] as const;
export type FileRoot = (typeof FILE_ROOTS)[number];

export function normalizePath(p: string): string {
  const parts: string[] = [];
  for (const seg of p.split("/")) {
    if (!seg || seg === ".") continue;
    if (seg === "..") parts.pop();
    else parts.push(seg);
  }
  return "/" + parts.join("/");
}

export function joinPath(dir: string, name: string): string {
  return normalizePath(name.startsWith("/") ? name : `${dir}/${name}`);
}

export function parentPath(p: string): string {
  const n = normalizePath(p);
  const i = n.lastIndexOf("/");
  return i <= 0 ? "/" : n.slice(0, i);
}

export function baseName(p: string): string {
  const n = normalizePath(p);
  return n.slice(n.lastIndexOf("/") + 1);
}

export function isInside(path: string, root: string): boolean {
  const p = normalizePath(path);
  const r = normalizePath(root);
  return p === r || p.startsWith(r === "/" ? "/" : `${r}/`);
}

/** Crumbs from the root to `path`; a path outside the root shows from the filesystem top. */
export function breadcrumbs(path: string, root: string): { name: string; path: string }[] {
  const p = normalizePath(path);
  const r = normalizePath(root);
  const base = isInside(p, r) ? r : "/";
  const crumbs = [{ name: base === "/" ? "/" : base, path: base }];
  const rest = p.slice(base.length).split("/").filter(Boolean);
  let acc = base;
  for (const seg of rest) {
    acc = joinPath(acc, seg);
    crumbs.push({ name: seg, path: acc });
  }
  return crumbs;
}

/** Why a new file or folder name is unusable, or null when it is fine. */
export function nameProblem(name: string): string | null {
  if (!name.trim()) return "Enter a name";
  if (name.includes("/")) return "A name cannot contain /";
  if (name === "." || name === "..") return `"${name}" is not a usable name`;
  if (new TextEncoder().encode(name).length > 255) return "The name is longer than 255 bytes";
  return null;
}

/** Why a destination path is unusable, or null. */
export function pathProblem(path: string): string | null {
  if (!path.trim()) return "Enter a path";
  if (!path.startsWith("/")) return "The path must be absolute (start with /)";
  if (normalizePath(path) === "/") return "Choose a path below /";
  return null;
}

export function sortEntries(entries: FileEntry[]): FileEntry[] {
  return [...entries].sort((a, b) =>
    a.isDirectory === b.isDirectory
      ? a.name.localeCompare(b.name, undefined, { numeric: true })
      : a.isDirectory
        ? -1
        : 1,
  );
}

const UNITS = ["B", "KB", "MB", "GB", "TB"];
export function formatBytes(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n) || n < 0) return "–";
  if (n < 1024) return `${n} B`;
  let v = n;
  let u = 0;
  while (v >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${UNITS[u]}`;
}

/** modTime arrives as epoch seconds (AGB recommends colon-free values) or as an ISO string. */
export function parseModTime(modTime: string | null | undefined): Date | null {
  if (!modTime) return null;
  const trimmed = modTime.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    const n = Number(trimmed);
    return new Date(n > 1e12 ? n : n * 1000);
  }
  const d = new Date(trimmed);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function formatModTime(modTime: string | null | undefined, now = new Date()): string {
  const d = parseModTime(modTime);
  if (!d) return "–";
  const sameDay = d.toDateString() === now.toDateString();
  return sameDay
    ? d.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" })
    : d.toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" });
}
