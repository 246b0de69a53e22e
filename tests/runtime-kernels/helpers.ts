/* eslint-disable @typescript-eslint/no-explicit-any -- wire bodies are checked field by field in the tests */
/**
 * Helpers for the kernel/file/metrics/streaming tests: the runtime helpers of tests/runtime plus
 * client logic that mirrors the official SDK (docs/protocol.md, "Tools"): run_code result parsing, the chunked
 * read (get_file_info, then 51 200-byte read_file ranges) and write (51 200-char chunks, then append).
 */
import { WebSocket } from "ws";
import type { Wire } from "../runtime/helpers";

export { startTestRuntime, type TestRuntime } from "../runtime/helpers";

export interface ToolCall {
  status: number;
  success: boolean;
  isError: boolean;
  text: string;
  body: any;
}

export async function tool(w: Wire, sid: string, name: string, args: unknown): Promise<ToolCall> {
  const r = await w.callTool(sid, name, args);
  const content = r.body?.data?.content;
  const text = Array.isArray(content)
    ? content
        .filter((c: any) => c.type === "text")
        .map((c: any) => c.text)
        .join("\n")
    : "";
  return {
    status: r.status,
    success: r.body?.success === true,
    isError: Boolean(r.body?.data?.isError),
    text,
    body: r.body,
  };
}

export interface CodeRun {
  /** what the SDK's Code.run reports (docs/protocol.md, "run_code") */
  success: boolean;
  raw: any;
  stdout: string;
  stderr: string;
  results: any[];
  call: ToolCall;
}

export async function runCode(
  w: Wire,
  sid: string,
  code: string,
  language: string,
  timeout_s?: number,
): Promise<CodeRun> {
  const call = await tool(
    w,
    sid,
    "run_code",
    timeout_s === undefined ? { code, language } : { code, language, timeout_s },
  );
  if (!call.success || call.isError)
    return { success: false, raw: null, stdout: "", stderr: call.text, results: [], call };
  const raw = JSON.parse(call.text);
  if (!Array.isArray(raw.result) || !Array.isArray(raw.stdout) || !Array.isArray(raw.stderr))
    throw new Error(`not the run_code result format: ${call.text}`);
  return {
    success: !raw.executionError && !raw.isError,
    raw,
    stdout: raw.stdout.join(""),
    stderr: raw.stderr.join(""),
    results: raw.result,
    call,
  };
}

/** `file.read` of the SDK: get_file_info for the size, then byte ranges of 51 200. */
export async function sdkRead(
  w: Wire,
  sid: string,
  path: string,
  binary = false,
): Promise<{ ok: boolean; text: string; bytes?: Buffer; error?: string }> {
  const info = await tool(w, sid, "get_file_info", { path });
  if (!info.success || info.isError) return { ok: false, text: "", error: info.text || info.body?.message };
  const fields = Object.fromEntries(
    info.text.split("\n").map((l) => [l.split(":")[0].trim(), l.split(":")[1]?.trim()]),
  );
  if (fields.isDirectory === "true")
    return { ok: false, text: "", error: `Path does not exist or is a directory: ${path}` };
  const size = Number(fields.size);
  const parts: string[] = [];
  for (let offset = 0; offset < size; offset += 51_200) {
    const r = await tool(w, sid, "read_file", {
      path,
      offset,
      length: Math.min(51_200, size - offset),
      ...(binary ? { format: "binary" } : {}),
    });
    if (!r.success || r.isError) return { ok: false, text: "", error: r.text };
    parts.push(r.text);
  }
  if (binary) {
    const bytes = Buffer.concat(parts.map((p) => Buffer.from(p, "base64")));
    return { ok: true, text: "", bytes };
  }
  return { ok: true, text: parts.join("") };
}

/** `file.write` of the SDK: one call up to 51 200 chars, else chunks (first with mode, rest append). */
export async function sdkWrite(
  w: Wire,
  sid: string,
  path: string,
  content: string,
  mode = "overwrite",
): Promise<ToolCall> {
  if (content.length <= 51_200) return tool(w, sid, "write_file", { path, content, mode });
  let last: ToolCall | undefined;
  for (let i = 0; i < content.length; i += 51_200) {
    last = await tool(w, sid, "write_file", {
      path,
      content: content.slice(i, i + 51_200),
      mode: i === 0 ? mode : "append",
    });
    if (!last.success || last.isError) return last;
  }
  return last!;
}

/** `readMultipleFiles` parsing of the SDK. */
export function parseMultiple(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  let cur: string | null = null;
  let lines: string[] = [];
  for (const line of text.split("\n")) {
    if (cur === null && line.includes(":")) {
      cur = line.slice(0, line.indexOf(":"));
      const rest = line.slice(line.indexOf(":") + 1);
      lines = rest ? [rest] : [];
    } else if (line.trim() === "---" && cur !== null) {
      out[cur] = lines.join("\n").trim();
      cur = null;
    } else if (cur !== null) lines.push(line);
  }
  if (cur !== null) out[cur] = lines.join("\n").trim();
  return out;
}

export interface StreamFrame {
  invocationId: string;
  data: any;
  at: number;
}

/** Opens the session's stream socket with its token (as the SDK does) and collects frames. */
export async function openStream(
  wsUrl: string,
  token: string,
): Promise<{
  ws: WebSocket;
  frames: StreamFrame[];
  run(id: string, params: Record<string, unknown>): Promise<StreamFrame[]>;
}> {
  const ws = new WebSocket(wsUrl, { headers: { "X-Access-Token": token } });
  const frames: StreamFrame[] = [];
  const waiters = new Map<string, (f: StreamFrame[]) => void>();
  ws.on("message", (raw) => {
    const f = JSON.parse(raw.toString());
    const frame = {
      invocationId: f.invocationId,
      data: typeof f.data === "string" ? JSON.parse(f.data) : f.data,
      at: Date.now(),
    };
    frames.push(frame);
    if (frame.data?.phase === "end" || frame.data?.phase === "error")
      waiters.get(frame.invocationId)?.(frames.filter((x) => x.invocationId === frame.invocationId));
  });
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
    ws.once("unexpected-response", (_req, res) => reject(new Error(`upgrade refused with HTTP ${res.statusCode}`)));
  });
  return {
    ws,
    frames,
    run(id, params) {
      return new Promise((resolve) => {
        waiters.set(id, resolve);
        ws.send(
          JSON.stringify({
            invocationId: id,
            source: "SDK",
            target: "agb-embedded",
            data: { method: "run_code", mode: "stream", params },
          }),
        );
      });
    },
  };
}
