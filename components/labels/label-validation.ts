// The SDK's label rules, checked as the user types with the same rules the server's schemas use.
import { labelKeyProblem, labelValueProblem } from "@/lib/api/label-rules";
import type { Labels } from "@/lib/api/schemas/labels";
import { isBlank, LABEL_LIMITS } from "@/lib/protocol/labels";

export type LabelRow = { id: string; key: string; value: string };
export type RowErrors = { key?: string; value?: string };
export type LabelsValidation = { rows: Record<string, RowErrors>; form?: string; valid: boolean };

let seq = 0;
export const newRowId = () => `row-${++seq}`;

export function rowsFromLabels(labels: Labels): LabelRow[] {
  return Object.entries(labels).map(([key, value]) => ({ id: newRowId(), key, value }));
}

/** Rows left completely blank are ignored (an "add" the user did not fill in). */
export function isBlankRow(r: LabelRow): boolean {
  return isBlank(r.key) && isBlank(r.value);
}

export function validateLabelRows(rows: LabelRow[]): LabelsValidation {
  const errors: Record<string, RowErrors> = {};
  const firstRowOfKey = new Map<string, string>();
  let counted = 0;
  for (const r of rows) {
    if (isBlankRow(r)) continue;
    counted++;
    const e: RowErrors = {};
    const keyProblem = labelKeyProblem(r.key);
    if (keyProblem) e.key = keyProblem;
    const valueProblem = labelValueProblem(r.value);
    if (valueProblem) e.value = valueProblem;
    const key = r.key.trim();
    if (!e.key && key) {
      if (firstRowOfKey.has(key)) e.key = `Duplicate key "${key.length > 40 ? `${key.slice(0, 40)}…` : key}"`;
      else firstRowOfKey.set(key, r.id);
    }
    if (e.key || e.value) errors[r.id] = e;
  }
  const form =
    counted > LABEL_LIMITS.perSession
      ? `At most ${LABEL_LIMITS.perSession} labels per session (${counted} now)`
      : undefined;
  return { rows: errors, form, valid: Object.keys(errors).length === 0 && !form };
}

/** The labels to send: blank rows dropped, keys and values trimmed. Call only when valid. */
export function labelsFromRows(rows: LabelRow[]): Labels {
  const out: Labels = {};
  for (const r of rows) if (!isBlankRow(r)) out[r.key.trim()] = r.value.trim();
  return out;
}

export function sameLabels(a: Labels, b: Labels): boolean {
  const ak = Object.keys(a);
  if (ak.length !== Object.keys(b).length) return false;
  return ak.every((k) => Object.prototype.hasOwnProperty.call(b, k) && b[k] === a[k]);
}
