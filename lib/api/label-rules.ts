// The dashboard's messages for one label key or value, without zod: the label schemas
// (lib/api/schemas/labels.ts) check with these, and the labels editor calls them as the user types.
import { isBlank, LABEL_LIMITS } from "@/lib/protocol/labels";

export function labelKeyProblem(key: string): string | null {
  if (isBlank(key)) return "Label key cannot be empty";
  if (key.length > LABEL_LIMITS.keyMax) return `Label key is longer than ${LABEL_LIMITS.keyMax} characters`;
  return null;
}

export function labelValueProblem(value: string): string | null {
  if (isBlank(value)) return "Label value cannot be empty";
  if (value.length > LABEL_LIMITS.valueMax) return `Label value is longer than ${LABEL_LIMITS.valueMax} characters`;
  return null;
}
