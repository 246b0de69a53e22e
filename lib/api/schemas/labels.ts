import { LABEL_LIMITS } from "@/lib/protocol/labels";
import { labelKeyProblem, labelValueProblem } from "../label-rules";
import { z } from "../zod";

/** A string check that fails with the rule's own message. */
const rule = (problem: (s: string) => string | null) =>
  z.refine<string>((s) => problem(s) === null, { error: (iss) => problem(String(iss.input)) ?? undefined });

export const labelKeySchema = z.string().check(rule(labelKeyProblem));
export const labelValueSchema = z.string().check(rule(labelValueProblem));

export const labelsSchema = z.record(labelKeySchema, labelValueSchema).check(
  z.refine((o) => Object.keys(o).length <= LABEL_LIMITS.perSession, {
    message: `At most ${LABEL_LIMITS.perSession} labels per session`,
  }),
);
export type Labels = z.infer<typeof labelsSchema>;

/** PUT /api/sessions/[id]/labels: replaces the whole set (AGB SetLabel semantics). */
export const replaceLabelsBody = z.object({ labels: labelsSchema });

/** POST /api/labels/bulk: add/overwrite `set` and drop `remove` keys on many sessions. */
export const bulkLabelsBody = z.object({
  sessionIds: z.array(z.string().check(z.minLength(1))).check(z.minLength(1), z.maxLength(10_000)),
  set: z._default(labelsSchema, {}),
  remove: z._default(z.array(labelKeySchema), []),
});

export const knownLabelsResponse = z.object({
  keys: z.array(z.object({ key: z.string(), values: z.array(z.string()), count: z.number() })),
});
export type KnownLabels = z.infer<typeof knownLabelsResponse>;
