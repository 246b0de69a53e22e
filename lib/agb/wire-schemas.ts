// zod schemas of the AGB wire shapes we read (docs/protocol.md). Loose: unknown fields pass,
// since the cloud and the embedded runtime add their own.
import { z } from "zod";
import { listItemSchema } from "@/lib/protocol/session";

export { envelopeSchema, type WireEnvelope as Envelope } from "@/lib/protocol/envelope";
export { sessionDataSchema, type SessionData } from "@/lib/protocol/session";

/** JSON encoded inside a string (docs/protocol.md, "Transport"), or already an array/object on lenient servers. */
export const jsonInString = <T extends z.ZodType>(inner: T) =>
  z.union([
    z.string().transform((s, ctx) => {
      if (s.trim() === "") return inner.parse(undefined);
      try {
        return inner.parse(JSON.parse(s));
      } catch {
        ctx.addIssue({ code: "custom", message: "not valid JSON in a string" });
        return z.NEVER;
      }
    }),
    inner,
  ]);

export const toolItemSchema = z.looseObject({
  name: z.string().optional(),
  Name: z.string().optional(),
  description: z.string().optional().catch(undefined),
  inputSchema: z.unknown().optional(),
  server: z.string().optional().catch(undefined),
  serverName: z.string().optional().catch(undefined),
  Server: z.string().optional().catch(undefined),
  tool: z.string().optional().catch(undefined),
});
export const toolListSchema = jsonInString(z.array(toolItemSchema).default([]));

export const listSessionEnvelopeSchema = z.looseObject({
  data: z.array(listItemSchema).default([]).catch([]),
  nextToken: z
    .union([z.string(), z.number().transform(String)])
    .optional()
    .catch(undefined),
  maxResults: z
    .union([z.number(), z.string().transform(Number)])
    .optional()
    .catch(undefined),
  count: z
    .union([z.number(), z.string().transform(Number)])
    .optional()
    .catch(undefined),
});

export const labelsObjectSchema = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean()]).transform(String),
);
export const getLabelDataSchema = z.looseObject({
  labels: jsonInString(labelsObjectSchema.default({})).optional(),
});

export const toolResultSchema = z.looseObject({
  isError: z.unknown().optional(),
  content: z
    .array(
      z.looseObject({
        type: z.string().optional().catch(undefined),
        text: z.unknown().optional(),
        blob: z.unknown().optional(),
        data: z.unknown().optional(),
      }),
    )
    .optional()
    .catch(undefined),
});

export const imageSchema = z.looseObject({
  id: z.string(),
  name: z.string().optional().catch(undefined),
  description: z.string().optional().catch(undefined),
  languages: z.array(z.string()).optional().catch(undefined),
  tools: z.array(z.string()).optional().catch(undefined),
});
export const localImagesDataSchema = z.looseObject({
  images: z.array(imageSchema),
  idleTimeout: z.looseObject({ min: z.number(), max: z.number(), default: z.number() }).optional().catch(undefined),
});
