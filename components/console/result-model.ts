// Decides how one run_code result (a MIME bundle) is shown. Kept free of React and the DOM so
// the decision is unit-tested; sanitizing HTML happens in the component that renders it.
// Keys follow AGB's result[]: full MIME types or their short aliases (docs/protocol.md, "run_code").

export type ResultView =
  | { kind: "image"; src: string; mime: string }
  | { kind: "html"; html: string }
  | { kind: "markdown"; markdown: string }
  | { kind: "json"; value: unknown }
  | { kind: "latex"; text: string }
  | { kind: "text"; text: string };

export interface ResultModel {
  view: ResultView;
  isMainResult: boolean;
  /** Plain-text fallback for copying, when the bundle carries one. */
  plain: string | null;
}

const ALIASES: Record<string, string[]> = {
  text: ["text/plain", "text"],
  html: ["text/html", "html"],
  markdown: ["text/markdown", "markdown"],
  png: ["image/png", "png"],
  jpeg: ["image/jpeg", "jpeg"],
  svg: ["image/svg+xml", "svg"],
  json: ["application/json", "json"],
  latex: ["text/latex", "latex"],
  chart: ["application/vnd.vegalite.v5+json", "application/vnd.vegalite.v4+json", "chart"],
};

function pick(bundle: Record<string, unknown>, kind: string): unknown {
  for (const key of ALIASES[kind]) if (bundle[key] !== undefined && bundle[key] !== null) return bundle[key];
  return undefined;
}

/** Jupyter sends multi-line strings as arrays of lines; join them back. */
function asText(v: unknown): string | null {
  if (typeof v === "string") return v;
  if (Array.isArray(v) && v.every((x) => typeof x === "string")) return v.join("");
  return null;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** A data URL for a base64 raster image, or null when the payload is not base64. */
export function rasterDataUrl(mime: "image/png" | "image/jpeg", payload: string): string | null {
  const clean = payload.replace(/\s+/g, "");
  if (!clean || !BASE64.test(clean)) return null;
  return `data:${mime};base64,${clean}`;
}

/** SVG goes into an <img> as a data URL: an image context never runs its scripts or handlers. */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

function parseJson(v: unknown): unknown {
  if (typeof v !== "string") return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

/** The streamed form wraps the bundle as `{ mime: {...}, isMainResult }`; the batch form does not. */
function unwrap(raw: Record<string, unknown>): Record<string, unknown> {
  const mime = raw.mime;
  if (mime && typeof mime === "object" && !Array.isArray(mime)) {
    return { ...(mime as Record<string, unknown>), isMainResult: raw.isMainResult ?? raw.is_main_result };
  }
  return raw;
}

export function toResultModel(raw: Record<string, unknown>): ResultModel {
  const bundle = unwrap(raw);
  const plain = asText(pick(bundle, "text"));
  const isMainResult = bundle.isMainResult === true || bundle.is_main_result === true;
  const model = (view: ResultView): ResultModel => ({ view, isMainResult, plain });

  // Jupyter's display order, richest first; images before HTML only where HTML is absent.
  const html = asText(pick(bundle, "html"));
  if (html !== null) return model({ kind: "html", html });
  const markdown = asText(pick(bundle, "markdown"));
  if (markdown !== null) return model({ kind: "markdown", markdown });
  const svg = asText(pick(bundle, "svg"));
  if (svg !== null) return model({ kind: "image", src: svgDataUrl(svg), mime: "image/svg+xml" });
  for (const [kind, mime] of [
    ["png", "image/png"],
    ["jpeg", "image/jpeg"],
  ] as const) {
    const payload = asText(pick(bundle, kind));
    const src = payload === null ? null : rasterDataUrl(mime, payload);
    if (src) return model({ kind: "image", src, mime });
  }
  const json = pick(bundle, "json") ?? pick(bundle, "chart");
  if (json !== undefined) return model({ kind: "json", value: parseJson(json) });
  const latex = asText(pick(bundle, "latex"));
  if (latex !== null) return model({ kind: "latex", text: latex });
  if (plain !== null) return model({ kind: "text", text: plain });
  const rest = Object.fromEntries(
    Object.entries(bundle).filter(([k]) => k !== "isMainResult" && k !== "is_main_result"),
  );
  return model({ kind: "json", value: rest });
}
