import type { LabelPair } from "@/lib/query-keys";

export const sessionPath = (id: string) => `/api/sessions/${encodeURIComponent(id)}`;

export function labelParams(labels: LabelPair[]): URLSearchParams {
  const sp = new URLSearchParams();
  for (const l of labels) sp.append("label", `${l.key}:${l.value}`);
  return sp;
}
