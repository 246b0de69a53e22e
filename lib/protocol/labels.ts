// The label rules of AGB sessions (docs/protocol.md, "Label rules"), written once for the runtime,
// the AGB client, the dashboard API and the filter box.

export const LABEL_LIMITS = { keyMax: 128, valueMax: 256, perSession: 64 } as const;

/** How many `label=key:value` filters one list request may carry. */
export const MAX_LABEL_FILTERS = 20;

export interface LabelPair {
  key: string;
  value: string;
}

export const isBlank = (s: string) => s.trim() === "";

/** What is wrong with one label, or null. Values of other types than string are refused too. */
export function labelProblem(key: string, value: unknown): string | null {
  if (isBlank(key)) return "label keys cannot be empty";
  if (key.length > LABEL_LIMITS.keyMax)
    return `label key "${key.slice(0, 32)}…" is ${key.length} characters; the limit is ${LABEL_LIMITS.keyMax}`;
  if (typeof value !== "string")
    return `value of label "${key}" must be a string, got ${value === null ? "null" : typeof value}`;
  if (isBlank(value)) return `value of label "${key}" cannot be empty`;
  if (value.length > LABEL_LIMITS.valueMax)
    return `value of label "${key}" is ${value.length} characters; the limit is ${LABEL_LIMITS.valueMax}`;
  return null;
}

/** What is wrong with a whole label set, or null. */
export function labelsProblem(labels: Record<string, unknown>): string | null {
  const entries = Object.entries(labels);
  if (entries.length > LABEL_LIMITS.perSession)
    return `at most ${LABEL_LIMITS.perSession} labels per session, got ${entries.length}`;
  for (const [k, v] of entries) {
    const p = labelProblem(k, v);
    if (p) return p;
  }
  return null;
}

/** A filter pair the list accepts: both sides non-empty after trimming, within the limits. */
function pairOrNull(key: string, value: string): LabelPair | null {
  const k = key.trim();
  const v = value.trim();
  if (!k || !v || k.length > LABEL_LIMITS.keyMax || v.length > LABEL_LIMITS.valueMax) return null;
  return { key: k, value: v };
}

/** A filter as it travels in a URL, `key:value`, split at the first ':'. */
export function parseLabelPair(raw: string): LabelPair | null {
  const i = raw.indexOf(":");
  return i <= 0 ? null : pairOrNull(raw.slice(0, i), raw.slice(i + 1));
}

export const formatLabelPair = (p: LabelPair) => `${p.key}:${p.value}`;

/**
 * What a person typed in the filter box: `key=value` or `key:value`. The first `=` wins over `:`
 * because values often hold colons (`url=http://x`), keys rarely hold `=`. A key holding ':' could
 * not round-trip through `key:value` in the URL, so it is refused.
 */
export function parseTypedLabelPair(text: string): LabelPair | null {
  const t = text.trim();
  const eq = t.indexOf("=");
  const sep = eq > 0 ? eq : t.indexOf(":");
  if (sep <= 0) return null;
  const pair = pairOrNull(t.slice(0, sep), t.slice(sep + 1));
  return pair && !pair.key.includes(":") ? pair : null;
}
