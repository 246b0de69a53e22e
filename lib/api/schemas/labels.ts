import { isBlank, LABEL_LIMITS } from "@/lib/protocol/labels";
import { z } from "../zod";

const notBlank = (what: string) => z.refine<string>((s) => !isBlank(s), { message: `${what} cannot be empty` });

export const labelKeySchema = z
  .string()
  .check(
    notBlank("Label key"),
    z.maxLength(LABEL_LIMITS.keyMax, `Label key is longer than ${LABEL_LIMITS.keyMax} characters`),
  );
export const labelValueSchema = z
  .string()
  .check(
    notBlank("Label value"),
    z.maxLength(LABEL_LIMITS.valueMax, `Label value is longer than ${LABEL_LIMITS.valueMax} characters`),
  );

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
