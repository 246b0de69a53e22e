import "server-only";
// `?label=key:value` (repeated) → the AGB filter object; a bad pair is a 422 naming it.
import { LABEL_LIMITS, MAX_LABEL_FILTERS, parseLabelPair } from "@/lib/protocol/labels";
import { HttpError, type Issue } from "../errors";

export function labelFilter(raw: readonly string[]): Record<string, string> {
  const filter: Record<string, string> = {};
  const issues: Issue[] = [];
  if (raw.length > MAX_LABEL_FILTERS)
    issues.push({ path: "label", message: `At most ${MAX_LABEL_FILTERS} label filters` });
  raw.forEach((r, i) => {
    const pair = parseLabelPair(r);
    if (!pair)
      issues.push({
        path: `label.${i}`,
        message: `"${r.slice(0, 60)}" is not key:value (both non-empty, key ≤ ${LABEL_LIMITS.keyMax} and value ≤ ${LABEL_LIMITS.valueMax} characters)`,
      });
    else if (pair.key in filter && filter[pair.key] !== pair.value)
      issues.push({ path: `label.${i}`, message: `Label "${pair.key}" is filtered twice with different values` });
    else filter[pair.key] = pair.value;
  });
  if (issues.length) throw new HttpError(422, "invalid_input", issues[0].message, { issues });
  return filter;
}
