import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import type { Page } from "@playwright/test";

/**
 * What a page makes the browser download as script, and what is in it: every script response
 * (with whether the server's HTML named it), and, when the build has source maps
 * (NEXT_BROWSER_SOURCE_MAPS=1), how many bytes of each came from which package or folder of ours.
 */

export interface Script {
  url: string;
  body: Buffer;
  gzip: number;
  /** Named by a script tag in the server's HTML (the rest are chunks loaded after hydration). */
  initial: boolean;
}

export const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;

/** CodeMirror's chunks carry its CSS class names and theme selectors; the page's own do not. */
export const isEditorChunk = (body: string) =>
  body.includes("cm-scroller") || body.includes("cm-gutter") || /StreamLanguage|LRLanguage|lezer/.test(body);

const EDITOR_PACKAGES = /^(@codemirror\/|@lezer\/|@uiw\/|@marijn\/|codemirror$|style-mod$|w3c-keyname$|crelt$)/;

/**
 * Whether a script belongs to the lazily loaded editor: by its source map when the build has one
 * (mostly CodeMirror, Lezer and their helpers; minified grammars carry no telling strings), else
 * by isEditorChunk.
 */
export function isEditorScript(dist: string, s: Script): boolean {
  const code = s.body.toString("utf8");
  if (isEditorChunk(code)) return true;
  const groups = breakdown(dist, [s]);
  if (!groups) return false;
  let editor = 0;
  let all = 0;
  for (const [g, n] of groups) {
    all += n;
    if (EDITOR_PACKAGES.test(g)) editor += n;
  }
  return editor > all / 2;
}

/** Loads url in page, waits for ready and network idle, and returns every script it fetched. */
export async function pageScripts(page: Page, url: string, ready: () => Promise<void>): Promise<Script[]> {
  const bodies = new Map<string, Promise<Buffer | null>>();
  let html: Promise<string> = Promise.resolve("");
  const onResponse = (res: import("@playwright/test").Response) => {
    const type = res.request().resourceType();
    if (type === "document") html = res.text().catch(() => "");
    else if (type === "script")
      bodies.set(
        res.url(),
        res.body().catch(() => null),
      );
  };
  page.on("response", onResponse);
  await page.goto(url);
  await ready();
  await page.waitForLoadState("networkidle");
  page.off("response", onResponse);
  const base = new URL(url).origin;
  // Scripts named in the server's HTML (not the DOM at the end, where dynamic chunks also appear as tags).
  const htmlScripts = new Set(
    Array.from(
      (await html).matchAll(/<script[^>]+src="([^"]+)"/g),
      (m) => new URL(m[1].replace(/&amp;/g, "&"), base).href,
    ),
  );
  const out: Script[] = [];
  for (const [u, p] of bodies) {
    const body = await p;
    if (body) out.push({ url: u, body, gzip: zlib.gzipSync(body, { level: 9 }).length, initial: htmlScripts.has(u) });
  }
  return out;
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64_INDEX = new Map(Array.from(B64, (c, i) => [c, i]));

/** Decodes one line's segments of a source map's `mappings`: [generated column, source index | -1]. */
function decodeLine(line: string, state: { source: number }): [number, number][] {
  const segs: [number, number][] = [];
  let col = 0;
  for (const seg of line.split(",")) {
    if (!seg) continue;
    const fields: number[] = [];
    let value = 0;
    let shift = 0;
    for (const ch of seg) {
      const d = B64_INDEX.get(ch)!;
      value += (d & 31) << shift;
      if (d & 32) shift += 5;
      else {
        fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
        value = 0;
        shift = 0;
      }
    }
    col += fields[0];
    if (fields.length >= 4) {
      state.source += fields[1];
      segs.push([col, state.source]);
    } else segs.push([col, -1]);
  }
  return segs;
}

interface RawMap {
  sources?: string[];
  mappings?: string;
  sections?: { offset: { line: number; column: number }; map: RawMap }[];
}

/** Bytes of the generated code per original source, from a (possibly sectioned) source map. */
function bytesPerSource(code: string, map: RawMap, into: Map<string, number>) {
  const lines = code.split("\n");
  // Each section (or the whole map) maps a region of lines; later regions start where they say.
  const regions: { line: number; column: number; map: RawMap }[] = map.sections
    ? map.sections.map((s) => ({ ...s.offset, map: s.map }))
    : [{ line: 0, column: 0, map }];
  for (const r of regions) {
    if (!r.map.mappings || !r.map.sources) continue;
    const state = { source: 0 };
    const mapLines = r.map.mappings.split(";");
    for (let i = 0; i < mapLines.length; i++) {
      const text = lines[r.line + i];
      if (text === undefined) break;
      const segs = decodeLine(mapLines[i], state);
      const offset = i === 0 ? r.column : 0;
      for (let j = 0; j < segs.length; j++) {
        const [col, src] = segs[j];
        const end = j + 1 < segs.length ? segs[j + 1][0] : text.length - offset;
        if (src < 0) continue;
        const name = r.map.sources[src];
        into.set(name, (into.get(name) ?? 0) + Math.max(0, end - col));
      }
    }
  }
}

/** A source's group: its npm package, or our top folder and feature folder (`components/console`). */
export function groupOf(source: string): string {
  const s = source.replace(/^turbopack:\/\/\/\[project\]\//, "").replace(/^webpack:\/\/_N_E\//, "");
  const nm = s.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = s.slice(nm + "node_modules/".length);
    // Next ships React DOM and friends inside itself: name them apart from Next's own code.
    const compiled = /^next\/dist\/compiled\/((?:@[^/]+\/)?[^/]+)/.exec(rest);
    if (compiled) return compiled[1];
    const parts = rest.split("/");
    return parts[0].startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  if (s.startsWith("turbopack:")) return "(turbopack runtime)";
  const parts = s.split("/");
  return parts.length > 2 ? `${parts[0]}/${parts[1]}` : parts[0];
}

/**
 * The gzip bytes of the scripts per group: each script's gzip size shared out in proportion to the
 * raw bytes each group has in it (gzip does not compress every module alike; close enough to rank).
 * Null when the build has no source maps.
 */
export function breakdown(
  dist: string,
  scripts: Script[],
  sources?: Map<string, number>,
  log = false,
): Map<string, number> | null {
  const total = new Map<string, number>();
  let mappedScripts = 0;
  for (const s of scripts) {
    const code = s.body.toString("utf8");
    // The chunk names its map (hashed apart from the chunk). Read from the build, not over HTTP:
    // `next start` serves maps only when its own config asks for them.
    const name = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(code)?.[1];
    const file = name && path.join(dist, path.dirname(new URL(s.url).pathname.replace(/^\/_next\//, "")), name);
    if (!file || !fs.existsSync(file)) {
      total.set("(chunks without a map)", (total.get("(chunks without a map)") ?? 0) + s.gzip);
      continue;
    }
    mappedScripts++;
    const perSource = new Map<string, number>();
    bytesPerSource(code, JSON.parse(fs.readFileSync(file, "utf8")) as RawMap, perSource);
    const perGroup = new Map<string, number>();
    for (const [src, n] of perSource) {
      perGroup.set(groupOf(src), (perGroup.get(groupOf(src)) ?? 0) + n);
      if (sources) sources.set(src, (sources.get(src) ?? 0) + (s.gzip * n) / code.length);
    }
    const mapped = [...perGroup.values()].reduce((a, b) => a + b, 0);
    // Unmapped bytes (the bundler's own glue) are counted as such.
    perGroup.set("(bundler glue)", Math.max(0, code.length - mapped));
    for (const [g, n] of perGroup) total.set(g, (total.get(g) ?? 0) + (s.gzip * n) / code.length);
    if (log && process.env.BENCH_PAGE_CHUNKS)
      console.log(
        `    chunk ${path.basename(new URL(s.url).pathname)} ${kb(s.gzip)}${s.initial ? " (html)" : ""}: ${[...perGroup]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 6)
          .map(([g, n]) => `${g} ${kb((s.gzip * n) / code.length)}`)
          .join(", ")}`,
      );
  }
  return mappedScripts > 0 ? total : null;
}

/** Prints a page's script weight beside its goal, and its biggest groups when there is a breakdown. */
export function printPageWeight(dist: string, title: string, scripts: Script[], goalKb: number, top = 12) {
  const gzip = scripts.reduce((a, s) => a + s.gzip, 0);
  const raw = scripts.reduce((a, s) => a + s.body.length, 0);
  const initial = scripts.filter((s) => s.initial);
  const verdict = gzip <= goalKb * 1024 ? "within" : "OVER";
  console.log(
    `${title}: ${kb(gzip)} gzip (${kb(raw)} raw) in ${scripts.length} files — goal ≤ ${goalKb} KB: ${verdict}`,
  );
  console.log(
    `  in the HTML: ${kb(initial.reduce((a, s) => a + s.gzip, 0))} in ${initial.length} files; loaded after hydration: ${kb(
      gzip - initial.reduce((a, s) => a + s.gzip, 0),
    )} in ${scripts.length - initial.length} files`,
  );
  // BENCH_PAGE_SOURCES=N also lists the N heaviest source files (to see inside a package or folder).
  const nSources = Number(process.env.BENCH_PAGE_SOURCES ?? 0);
  const sources = nSources > 0 ? new Map<string, number>() : undefined;
  const groups = breakdown(dist, scripts, sources, true);
  if (!groups) {
    console.log("  (no source maps in this build: build with NEXT_BROWSER_SOURCE_MAPS=1 for a per-module breakdown)");
    return;
  }
  const sorted = [...groups].sort((a, b) => b[1] - a[1]);
  const shown = sorted.slice(0, top);
  const rest = sorted.slice(top).reduce((a, [, n]) => a + n, 0);
  console.log(
    `  biggest (gzip, estimated): ${shown.map(([g, n]) => `${g} ${kb(n)}`).join(", ")}${sorted.length > top ? `, ${sorted.length - top} others ${kb(rest)}` : ""}`,
  );
  if (sources)
    for (const [src, n] of [...sources].sort((a, b) => b[1] - a[1]).slice(0, nSources))
      console.log(`    ${kb(n).padStart(9)}  ${src.replace(/^turbopack:\/\/\/\[project\]\//, "")}`);
}
