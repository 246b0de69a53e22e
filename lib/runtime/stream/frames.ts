/**
 * Parsing of the frames the SDK sends on the stream socket (docs/protocol.md, "Streaming"), validated with zod.
 * `data` may be an object or a JSON string of one. Methods: `run_code` (the SDK) and `interrupt`
 * (an extension: stops the running cell, the kernel keeps its state).
 */
import { z } from "zod";
import { LANGUAGE_ALIASES, LANGUAGES } from "../tools/session-limits";
import { RUN_TIMEOUT_S } from "../tools/code";

export interface StreamRequest {
  invocationId: string;
  method: "run_code" | "interrupt";
  code: string;
  language: (typeof LANGUAGES)[number] | undefined;
  timeoutS: number;
}

export type ParsedFrame =
  | { kind: "ping" }
  | { kind: "invalid"; invocationId?: string; error: string }
  | { kind: "request"; request: StreamRequest };

const params = z.object({
  language: z.string().optional(),
  timeoutS: z.number().positive().max(RUN_TIMEOUT_S.max).optional(),
  timeout_s: z.number().positive().max(RUN_TIMEOUT_S.max).optional(),
  code: z.string().max(1_000_000).optional(),
});

const envelope = z.object({
  invocationId: z.string().min(1).max(200).optional(),
  requestId: z.string().min(1).max(200).optional(),
  type: z.string().optional(),
  data: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
});

const dataShape = z.object({ method: z.string(), mode: z.string().optional(), params: params.optional() });

export function parseFrame(text: string | null): ParsedFrame {
  if (text === null) return { kind: "invalid", error: "binary frames are not supported; send JSON text" };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { kind: "invalid", error: "frame is not JSON" };
  }
  const env = envelope.safeParse(raw);
  if (!env.success) return { kind: "invalid", error: "frame must be a JSON object with invocationId and data" };
  const invocationId = env.data.invocationId ?? env.data.requestId;
  if (!invocationId)
    return env.data.type === "ping" ? { kind: "ping" } : { kind: "invalid", error: "invocationId is required" };
  let data: unknown = env.data.data;
  if (typeof data === "string") {
    try {
      data = JSON.parse(data);
    } catch {
      return { kind: "invalid", invocationId, error: "data is a string that is not JSON" };
    }
  }
  const d = dataShape.safeParse(data);
  if (!d.success) return { kind: "invalid", invocationId, error: "data must be {method, params}" };
  const method = d.data.method;
  if (method !== "run_code" && method !== "interrupt")
    return { kind: "invalid", invocationId, error: `unknown method "${method}"; supported: run_code, interrupt` };
  const p = d.data.params ?? {};
  let language: StreamRequest["language"];
  if (p.language !== undefined) {
    language = LANGUAGE_ALIASES[p.language.trim().toLowerCase()];
    if (!language)
      return {
        kind: "invalid",
        invocationId,
        error: `unsupported language "${p.language}"; supported: ${LANGUAGES.join(", ")}`,
      };
  }
  if (method === "run_code") {
    if (typeof p.code !== "string") return { kind: "invalid", invocationId, error: "params.code is required" };
    if (!language)
      return { kind: "invalid", invocationId, error: `params.language is required: one of ${LANGUAGES.join(", ")}` };
  }
  return {
    kind: "request",
    request: {
      invocationId,
      method,
      code: p.code ?? "",
      language,
      timeoutS: p.timeoutS ?? p.timeout_s ?? RUN_TIMEOUT_S.default,
    },
  };
}
