// zod schemas of the AGB wire shapes we read (docs/protocol.md). Loose: unknown fields pass,
// since the cloud and the embedded runtime add their own.
import { z } from "zod";

export const envelopeSchema = z.looseObject({
  success: z.unknown().optional(),
  code: z.string().optional().catch(undefined),
  message: z.string().optional().catch(undefined),
  requestId: z.unknown().optional(),
  httpStatusCode: z.number().optional().catch(undefined),
  data: z.unknown().optional(),
});
export type Envelope = z.infer<typeof envelopeSchema>;

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

export const sessionDataSchema = z.looseObject({
  sessionId: z.string().optional(),
  success: z.unknown().optional(),
  errMsg: z.string().optional().catch(undefined),
  status: z.string().optional().catch(undefined),
  Status: z.string().optional().catch(undefined),
  resourceUrl: z.string().optional().catch(undefined),
  appInstanceId: z.string().optional().catch(undefined),
  resourceId: z.string().optional().catch(undefined),
  linkUrl: z.string().optional().catch(undefined),
  wsUrl: z.string().optional().catch(undefined),
  token: z.string().optional().catch(undefined),
  toolList: z.unknown().optional(),
  // Embedded-runtime extensions (docs/ARCHITECTURE.md); absent on AGB cloud.
  imageId: z.string().optional().catch(undefined),
  createTime: z.string().optional().catch(undefined),
  lastActivityTime: z.string().optional().catch(undefined),
  idleTimeout: z.number().optional().catch(undefined),
  idleReleaseTime: z.string().optional().catch(undefined),
  labels: z.record(z.string(), z.string()).optional().catch(undefined),
  sandboxed: z.boolean().optional().catch(undefined),
});
export type SessionData = z.infer<typeof sessionDataSchema>;

export const listSessionEnvelopeSchema = z.looseObject({
  data: z
    .array(
      z.looseObject({
        sessionId: z.string().optional().catch(undefined),
        sessionStatus: z.string().optional().catch(undefined),
        // Optional extensions a backend may add so a list page needs no per-row calls.
        imageId: z.string().optional().catch(undefined),
        createTime: z.string().optional().catch(undefined),
        idleReleaseTime: z.string().optional().catch(undefined),
        labels: z.record(z.string(), z.string()).optional().catch(undefined),
      }),
    )
    .default([])
    .catch([]),
  nextToken: z.union([z.string(), z.number().transform(String)]).optional().catch(undefined),
  maxResults: z.union([z.number(), z.string().transform(Number)]).optional().catch(undefined),
  count: z.union([z.number(), z.string().transform(Number)]).optional().catch(undefined),
});

export const labelsObjectSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String));
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
