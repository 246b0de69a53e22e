/**
 * What AGB itself documents: endpoints, the `data` fields each one answers, tools and their
 * arguments. Strict mode (AGB_RUNTIME_STRICT=1) answers through this ALLOWLIST only, so the
 * dashboard and tests can see the runtime exactly as a client sees AGB. Anything this file does not
 * name (an extension endpoint, field, tool or argument, including ones added later) is hidden in
 * strict mode without touching this file; a hidden endpoint, tool or argument then fails exactly
 * as an unknown one does.
 */
import { BROWSER_TOOL_NAMES } from "../tools/browser";
import type { ToolDef } from "../tools/registry";

/** Fields kept from an object; a nested spec keeps the named sub-object's own fields. */
type Fields = readonly (string | { [field: string]: Fields })[];

/**
 * `data` shape per documented endpoint: "any" (kept as is: strings, `{}`), fields of an object, or
 * `{ items }` for an array of objects. `extra` lists the top-level envelope fields beside `data`.
 */
type DataSpec = "any" | { fields: Fields } | { items: Fields };
interface EndpointSpec {
  data: DataSpec;
  extra?: readonly string[];
}

const SESSION_FIELDS = [
  "sessionId",
  "resourceUrl",
  "appInstanceId",
  "resourceId",
  "linkUrl",
  "wsUrl",
  "token",
  "toolList",
] as const;
const EMPTY: EndpointSpec = { data: { fields: [] } };

export const AGB_ENDPOINTS: Readonly<Record<string, EndpointSpec>> = {
  "POST /mcp/createSession": {
    data: { fields: [...SESSION_FIELDS, "success", "errMsg", "taskId", "networkInterfaceIp"] },
  },
  "POST /mcp/getSession": { data: { fields: [...SESSION_FIELDS, "status"] } },
  "POST /mcp/getSessionInfo": { data: { fields: ["sessionId", "status"] } },
  "POST /mcp/getMcpResource": {
    data: {
      fields: [
        "sessionId",
        "resourceUrl",
        { desktopInfo: ["appId", "authCode", "connectionProperties", "resourceId", "resourceType", "ticket"] },
      ],
    },
  },
  "POST /mcp/releaseSessionAsync": EMPTY,
  "POST /mcp/releaseSession": EMPTY,
  "POST /mcp/refreshSessionIdleTime": EMPTY,
  "GET /sdk/ListSession": {
    data: { items: ["sessionId", "sessionStatus"] },
    extra: ["nextToken", "maxResults", "count"],
  },
  "POST /sdk/SetLabel": EMPTY,
  "GET /sdk/GetLabel": { data: { fields: ["labels", "count", "nextToken", "maxResults"] } },
  "POST /mcp": { data: { fields: ["isError", "content"] } },
  "POST /mcp/listTools": { data: "any" },
  "GET /internet/getLink": { data: { fields: ["url"] } },
  "POST /internet/getCdpLink": { data: { fields: ["url"] } },
  "POST /browser/init": { data: { fields: ["port"] } },
  "GET /sdk/ListContexts": { data: "any", extra: ["nextToken", "maxResults", "count"] },
  "GET /sdk/GetContext": { data: "any" },
  "POST /sdk/ModifyContext": { data: "any" },
  "POST /sdk/DeleteContext": { data: "any" },
  "POST /sdk/ClearContext": { data: "any" },
  "POST /sdk/SyncContext": { data: "any" },
  "GET /sdk/GetContextInfo": { data: "any" },
  "POST /sdk/GetContextFileDownloadUrl": { data: "any" },
  "POST /sdk/GetContextFileUploadUrl": { data: "any" },
  "POST /sdk/DeleteContextFile": { data: "any" },
  "POST /sdk/DescribeContextFiles": { data: "any", extra: ["nextToken", "maxResults", "count"] },
  "POST /sdk/GetAndLoadInternalContext": { data: "any" },
};

/** Documented tools and their arguments; "any" = arguments AGB does not document one by one. */
export const AGB_TOOLS: Readonly<Record<string, readonly string[] | "any">> = {
  shell: ["command", "timeout_ms", "cwd", "envs"],
  run_code: ["code", "language", "timeout_s"],
  create_directory: ["path"],
  delete_file: ["path"],
  move_file: ["source", "destination"],
  edit_file: ["path", "edits", "dryRun"],
  get_file_info: ["path"],
  list_directory: ["path"],
  read_file: ["path", "offset", "length", "format"],
  read_multiple_files: ["paths"],
  search_files: ["path", "pattern", "excludePatterns"],
  write_file: ["path", "content", "mode"],
  get_file_change: ["path"],
  get_metrics: [],
  ...Object.fromEntries(BROWSER_TOOL_NAMES.map((n) => [n, "any" as const])),
};

export const isAgbEndpoint = (method: string, path: string) => `${method} ${path}` in AGB_ENDPOINTS;

function pick(value: unknown, fields: Fields): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  const src = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (typeof f === "string") {
      if (f in src) out[f] = src[f];
      continue;
    }
    for (const [k, sub] of Object.entries(f)) if (k in src) out[k] = pick(src[k], sub);
  }
  return out;
}

/** A documented endpoint's answer with only the documented `data` and envelope fields. */
export function documentedAnswer(
  method: string,
  path: string,
  data: unknown,
  extra: Record<string, unknown> | undefined,
) {
  const spec = AGB_ENDPOINTS[`${method} ${path}`];
  if (!spec) return { data, extra };
  let d = data;
  if (spec.data !== "any") {
    if ("items" in spec.data) {
      const items = spec.data.items;
      d = Array.isArray(data) ? data.map((it) => pick(it, items)) : data;
    } else d = pick(data, spec.data.fields);
  }
  const allowed = new Set(spec.extra ?? []);
  const e = extra ? Object.fromEntries(Object.entries(extra).filter(([k]) => allowed.has(k))) : undefined;
  return { data: d, extra: e };
}

/** The tool as AGB documents it, or null when AGB has no such tool. */
export function documentedTool(t: ToolDef): ToolDef | null {
  const args = AGB_TOOLS[t.name];
  if (!args) return null;
  if (args === "any") return t;
  const props = (t.inputSchema.properties ?? {}) as Record<string, unknown>;
  const required = Array.isArray(t.inputSchema.required) ? (t.inputSchema.required as string[]) : undefined;
  const inputSchema = {
    ...t.inputSchema,
    properties: Object.fromEntries(Object.entries(props).filter(([k]) => args.includes(k))),
    ...(required ? { required: required.filter((k) => args.includes(k)) } : {}),
  };
  return { ...t, inputSchema };
}

/** Argument names AGB does not document for this tool (empty when the tool takes any). */
export function undocumentedArgs(tool: string, args: unknown): string[] {
  const allowed = AGB_TOOLS[tool];
  if (!allowed || allowed === "any" || typeof args !== "object" || args === null) return [];
  return Object.keys(args).filter((k) => !allowed.includes(k));
}

/** Methods of the stream socket's frames that AGB documents (the SDK's streamed run). */
export const AGB_STREAM_METHODS: readonly string[] = ["run_code"];

/**
 * For strict mode: the answer to a stream frame whose `data.method` AGB does not document, or null
 * when the frame is for the ordinary parser (documented method, ping, malformed frame).
 */
export function undocumentedStreamFrame(text: string | null): { invocationId: string | null; error: string } | null {
  if (text === null) return null;
  let f: { invocationId?: unknown; requestId?: unknown; data?: unknown };
  try {
    f = JSON.parse(text) as typeof f;
    if (typeof f.data === "string") f.data = JSON.parse(f.data);
  } catch {
    return null;
  }
  const method = (f.data as { method?: unknown } | null | undefined)?.method;
  if (typeof method !== "string" || AGB_STREAM_METHODS.includes(method)) return null;
  const id = typeof f.invocationId === "string" ? f.invocationId : typeof f.requestId === "string" ? f.requestId : null;
  return { invocationId: id, error: `unknown method "${method}"; supported: ${AGB_STREAM_METHODS.join(", ")}` };
}
