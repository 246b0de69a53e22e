import { describe, expect, it } from "vitest";
import {
  baseName,
  breadcrumbs,
  formatBytes,
  isInside,
  joinPath,
  nameProblem,
  normalizePath,
  parentPath,
  parseModTime,
  pathProblem,
  sortEntries,
} from "@/components/files/paths";

describe("file paths", () => {
  it("normalizes, joins and splits", () => {
    expect(normalizePath("/home//user/./a/../b/")).toBe("/home/user/b");
    expect(joinPath("/home/user", "x y.txt")).toBe("/home/user/x y.txt");
    expect(joinPath("/home/user", "/tmp/z")).toBe("/tmp/z");
    expect(parentPath("/home/user/a.txt")).toBe("/home/user");
    expect(parentPath("/tmp")).toBe("/");
    expect(baseName("/home/user/a.txt")).toBe("a.txt");
  });

  it("knows what is inside a root, without prefix confusion", () => {
    expect(isInside("/home/user/a", "/home/user")).toBe(true);
    expect(isInside("/home/user", "/home/user")).toBe(true);
    expect(isInside("/home/username", "/home/user")).toBe(false);
  });

  it("builds breadcrumbs from the root", () => {
    expect(breadcrumbs("/home/user/a/b", "/home/user")).toEqual([
      { name: "/home/user", path: "/home/user" },
      { name: "a", path: "/home/user/a" },
      { name: "b", path: "/home/user/a/b" },
    ]);
    expect(breadcrumbs("/etc", "/home/user")).toEqual([
      { name: "/", path: "/" },
      { name: "etc", path: "/etc" },
    ]);
  });

  it("rejects unusable names and paths with a reason", () => {
    expect(nameProblem("ok.txt")).toBeNull();
    expect(nameProblem("a/b")).toMatch(/cannot contain/);
    expect(nameProblem("..")).toMatch(/not a usable name/);
    expect(nameProblem(" ")).toMatch(/Enter a name/);
    expect(nameProblem("é".repeat(128))).toMatch(/255 bytes/);
    expect(pathProblem("rel/x")).toMatch(/absolute/);
    expect(pathProblem("/")).toMatch(/below/);
    expect(pathProblem("/tmp/x")).toBeNull();
  });

  it("sorts folders first, then names naturally", () => {
    const e = (name: string, isDirectory: boolean) => ({
      name,
      path: `/${name}`,
      isDirectory,
      size: null,
      modTime: null,
      special: null,
    });
    expect(sortEntries([e("file10", false), e("b", true), e("file2", false), e("a", true)]).map((x) => x.name)).toEqual(
      ["a", "b", "file2", "file10"],
    );
  });

  it("formats sizes and reads epoch or ISO times", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(5 * 1024 * 1024)).toBe("5.0 MB");
    expect(formatBytes(null)).toBe("–");
    expect(parseModTime("1700000000")?.toISOString()).toBe("2023-11-14T22:13:20.000Z");
    expect(parseModTime("2024-01-02T03:04:05Z")?.toISOString()).toBe("2024-01-02T03:04:05.000Z");
    expect(parseModTime("nonsense")).toBeNull();
  });
});
