/**
 * Label rules (issue 3): string keys and values, non-empty (not only whitespace), key ≤ 128 and
 * value ≤ 256 characters, ≤ 64 labels a session. Labels travel as JSON inside a string (docs/protocol.md, "Transport").
 */
import { badRequest } from "../http/envelope";
import type { Labels } from "../store/sessions";

export const LABEL_LIMITS = { keyMax: 128, valueMax: 256, perSession: 64 } as const;

/** Parses a JSON-in-string labels field; `undefined`/"" gives {}. */
export function parseLabelsField(raw: unknown, field: string): Record<string, unknown> {
  if (raw === undefined || raw === null || raw === "") return {};
  let v: unknown = raw;
  if (typeof raw === "string") {
    try {
      v = JSON.parse(raw);
    } catch {
      throw badRequest(`${field} must be a JSON object encoded as a string, e.g. {"env":"test"}; got text that is not JSON`);
    }
  }
  if (typeof v !== "object" || v === null || Array.isArray(v)) {
    throw badRequest(`${field} must be a JSON object of string keys and string values, got ${Array.isArray(v) ? "an array" : v === null ? "null" : typeof v}`);
  }
  return v as Record<string, unknown>;
}

export function validateLabels(obj: Record<string, unknown>, field: string): Labels {
  const entries = Object.entries(obj);
  if (entries.length > LABEL_LIMITS.perSession) throw badRequest(`${field}: at most ${LABEL_LIMITS.perSession} labels per session, got ${entries.length}`);
  const out: Labels = {};
  for (const [k, v] of entries) {
    if (k.trim() === "") throw badRequest(`${field}: label keys cannot be empty`);
    if (k.length > LABEL_LIMITS.keyMax) throw badRequest(`${field}: label key "${k.slice(0, 32)}…" is ${k.length} characters; the limit is ${LABEL_LIMITS.keyMax}`);
    if (typeof v !== "string") throw badRequest(`${field}: value of label "${k}" must be a string, got ${v === null ? "null" : typeof v}`);
    if (v.trim() === "") throw badRequest(`${field}: value of label "${k}" cannot be empty`);
    if (v.length > LABEL_LIMITS.valueMax) throw badRequest(`${field}: value of label "${k}" is ${v.length} characters; the limit is ${LABEL_LIMITS.valueMax}`);
    out[k] = v;
  }
  return out;
}
