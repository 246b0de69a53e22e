import { clsx, type ClassValue } from "clsx";

/**
 * Joins class names and lets later Tailwind utilities override earlier ones (`p-2` + `p-4` → `p-4`,
 * `size-9` + `size-8` → `size-8`, `p-4` + `px-2` keeps both): what a component's default classes
 * and a caller's `className` need. A few lines instead of tailwind-merge (9 KB gzip in every page):
 * utilities are grouped by what they set; a utility outside the known groups only replaces an
 * identical one, so an unknown pair is left for the CSS to settle, as without any merging.
 */
export function cn(...inputs: ClassValue[]): string {
  const joined = clsx(inputs);
  let merged = cache.get(joined);
  if (merged === undefined) {
    // Components render the same few class lists over and over: remember each answer.
    if (cache.size >= 1_000) cache.clear();
    merged = merge(joined);
    cache.set(joined, merged);
  }
  return merged;
}

const cache = new Map<string, string>();

function merge(joined: string): string {
  const classes = joined.split(" ");
  const taken = new Set<string>();
  const kept: string[] = [];
  for (let i = classes.length - 1; i >= 0; i--) {
    const c = classes[i];
    if (!c) continue;
    const { variants, keys } = conflictKeys(c);
    if (taken.has(variants + keys[0])) continue;
    for (const k of keys) taken.add(variants + k);
    kept.push(c);
  }
  return kept.reverse().join(" ");
}

const SIDES: Record<string, string[]> = {
  "": ["x", "y", "t", "r", "b", "l", "s", "e"],
  x: ["l", "r", "s", "e"],
  y: ["t", "b"],
};
const DISPLAY = new Set(
  "block inline-block inline flex inline-flex grid inline-grid table inline-table table-cell table-row table-caption table-header-group table-row-group contents flow-root list-item hidden".split(
    " ",
  ),
);
const POSITION = new Set(["static", "fixed", "absolute", "relative", "sticky"]);
const SIZES = /^(xs|sm|base|md|lg|xl|\dxl|none|full|\[[\d.]+(px|rem|em)\])$/;
const WEIGHTS = /^(thin|extralight|light|normal|medium|semibold|bold|extrabold|black)$/;
const LINE_STYLES = /^(solid|dashed|dotted|double|none|hidden)$/;
const WIDTH = /^(\d+|\[[\d.]+px\])$/;
// Utilities whose name up to a value is one group (longest first where one prefixes another).
const ROOTS = [
  "space-x",
  "space-y",
  "min-w",
  "min-h",
  "max-w",
  "max-h",
  "w",
  "h",
  "z",
  "opacity",
  "leading",
  "tracking",
  "cursor",
  "whitespace",
  "justify",
  "items",
  "self",
  "content",
  "grow",
  "shrink",
  "basis",
  "order",
  "grid-cols",
  "grid-rows",
  "col-span",
  "row-span",
  "align",
  "animate",
  "transition",
  "duration",
  "ease",
  "delay",
  "translate-x",
  "translate-y",
  "rotate",
  "scale",
  "select",
  "pointer-events",
  "resize",
  "list",
  "object",
  "aspect",
  "fill",
  "stroke",
  "origin",
  "line-clamp",
  "underline-offset",
  "decoration",
  "caption",
  "break",
  "top",
  "right",
  "bottom",
  "left",
].sort((a, b) => b.length - a.length);

/** The groups a class sets, first its own; a later class drops an earlier one whose own group it sets. */
function conflictKeys(cls: string): { variants: string; keys: string[] } {
  // Variants end at the last ":" outside brackets (`max-sm:[&_svg]:hidden`).
  let depth = 0;
  let cut = -1;
  for (let i = 0; i < cls.length; i++) {
    const ch = cls[i];
    if (ch === "[") depth++;
    else if (ch === "]") depth--;
    else if (ch === ":" && depth === 0) cut = i;
  }
  const important = cls.endsWith("!") || cls[cut + 1] === "!" ? "!" : "";
  const variants = cls.slice(0, cut + 1) + important;
  const u = cls
    .slice(cut + 1)
    .replace(/^!|!$/g, "")
    .replace(/^-/, "");
  return { variants, keys: groupsOf(u) };
}

function groupsOf(u: string): string[] {
  if (DISPLAY.has(u)) return ["display"];
  if (POSITION.has(u)) return ["position"];
  if (u === "visible" || u === "invisible") return ["visibility"];
  if (u === "truncate") return ["text-overflow"];
  if (u === "underline" || u === "no-underline" || u === "line-through" || u === "overline") return ["decoration-line"];
  if (u === "sr-only" || u === "not-sr-only") return ["sr-only"];
  // Padding, margin, gap and inset: the whole-box form also sets each side's.
  let m = /^(p|m|scroll-p|scroll-m)([xytrblse]?)-(.+)$/.exec(u) ?? /^(gap|inset)(?:-([xy]))?-(.+)$/.exec(u);
  if (m) {
    const [, prop, side = ""] = m;
    const keys = [`${prop}-${side}`, ...(SIDES[side] ?? []).map((s) => `${prop}-${s}`)];
    // inset-0 sets top, right, bottom and left; inset-x-0 left and right.
    if (prop === "inset")
      keys.push(
        ...(side === "x" ? ["left", "right"] : side === "y" ? ["top", "bottom"] : ["top", "right", "bottom", "left"]),
      );
    return keys;
  }
  if (u.startsWith("size-")) return ["size", "w", "h"];
  if ((m = /^rounded(?:-(t|r|b|l|s|e|tl|tr|br|bl|ss|se|es|ee))?(?:-(.+))?$/.exec(u))) {
    const side = m[1] ?? "";
    const sub = side === "" ? ["t", "r", "b", "l", "s", "e", "tl", "tr", "br", "bl", "ss", "se", "es", "ee"] : [];
    return [`rounded-${side}`, ...sub.map((s) => `rounded-${s}`)];
  }
  if ((m = /^text-(.+)$/.exec(u))) {
    const v = m[1];
    if (SIZES.test(v)) return ["text-size", "leading"]; // a font size sets its line height too
    if (/^(left|center|right|justify|start|end)$/.test(v)) return ["text-align"];
    if (/^(wrap|nowrap|balance|pretty)$/.test(v)) return ["text-wrap"];
    if (/^(ellipsis|clip)$/.test(v)) return ["text-overflow"];
    return ["text-color"];
  }
  if ((m = /^font-(.+)$/.exec(u))) return [WEIGHTS.test(m[1]) ? "font-weight" : "font-family"];
  if ((m = /^(border|outline|ring|divide)(?:-([xytrblse]))?(?:-(.+))?$/.exec(u))) {
    const [, prop, side = "", v] = m;
    if (v === undefined || WIDTH.test(v))
      return [`${prop}-w-${side}`, ...(SIDES[side] ?? []).map((s) => `${prop}-w-${s}`)];
    if (side) return [`${prop}-${side}-${v}`]; // border-t-primary and the like: not worth a group
    if (LINE_STYLES.test(v)) return [`${prop}-style`];
    if (prop === "border" && (v === "collapse" || v === "separate")) return ["border-collapse"];
    if (/^offset-/.test(v)) return [WIDTH.test(v.slice(7)) ? `${prop}-offset-w` : `${prop}-offset-color`];
    if (v === "inset") return [`${prop}-inset`];
    return [`${prop}-color`];
  }
  if ((m = /^shadow(?:-(.+))?$/.exec(u))) return [m[1] === undefined || SIZES.test(m[1]) ? "shadow" : "shadow-color"];
  if ((m = /^bg-(.+)$/.exec(u)))
    return [
      /^(no-repeat|repeat|cover|contain|fixed|local|scroll|clip-|origin-|center|top|bottom|left|right)/.test(m[1])
        ? `bg-${m[1]}`
        : "bg-color",
    ];
  if ((m = /^overflow(?:-([xy]))?-/.exec(u)))
    return m[1] ? [`overflow-${m[1]}`] : ["overflow", "overflow-x", "overflow-y"];
  if ((m = /^flex-(.+)$/.exec(u))) {
    const v = m[1];
    if (/^(row|col)/.test(v)) return ["flex-direction"];
    if (/^(wrap|nowrap|wrap-reverse)$/.test(v)) return ["flex-wrap"];
    return ["flex", "grow", "shrink", "basis"];
  }
  if (u === "grow" || u === "shrink") return [u];
  for (const root of ROOTS) if (u.startsWith(`${root}-`)) return [root];
  return [`=${u}`]; // itself only (not a group key: a bare word like "h" is no utility)
}
