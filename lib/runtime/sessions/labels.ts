/**
 * Labels on the wire: JSON inside a string (docs/protocol.md, "Transport"), checked against the
 * label rules of lib/protocol/labels.ts.
 */
import { labelsProblem } from "../../protocol/labels";
import { badRequest } from "../http/envelope";
import type { Labels } from "../store/sessions";

/** Parses a JSON-in-string labels field; `undefined`/"" gives {}. */
export function parseLabelsField(raw: unknown, field: string): Record<string, unknown> {
  if (raw === undefined || raw === null || raw === "") return {};
  let v: unknown = raw;
  if (typeof raw === "string") {
    try {
      v = JSON.parse(raw);
    } catch {
      throw badRequest(
        `${field} must be a JSON object encoded as a string, e.g. {"env":"test"}; got text that is not JSON`,
      );
    }
  }
  if (typeof v !== "object" || v === null || Array.isArray(v)) {
    throw badRequest(
      `${field} must be a JSON object of string keys and string values, got ${Array.isArray(v) ? "an array" : v === null ? "null" : typeof v}`,
    );
  }
  return v as Record<string, unknown>;
}

export function validateLabels(obj: Record<string, unknown>, field: string): Labels {
  const problem = labelsProblem(obj);
  if (problem) throw badRequest(`${field}: ${problem}`);
  return obj as Labels;
}
