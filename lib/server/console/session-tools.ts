import "server-only";
// What a session's image can do, from its toolList (getSession), cached briefly: the console
// uses extension tools (list_directory_detailed, interrupt_code, binary read/write) when present
// and degrades to the standard ones otherwise.
import { parseToolList, type AgbClient } from "@/lib/agb/client";
import { TtlLru } from "../util/lru";

export interface ConsoleSession {
  tools: Set<string>;
  runCodeServer: string;
  /** read_file / write_file accept `format: "binary"` (base64). */
  binaryFiles: boolean;
  wsUrl: string;
  token: string;
}

const cache = new TtlLru<ConsoleSession>(1_000, 30_000);

const hasFormatArg = (schema: unknown) => {
  const props = (schema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return Boolean(props && typeof props === "object" && "format" in props);
};

export async function consoleSession(agb: AgbClient, sessionId: string): Promise<ConsoleSession> {
  const hit = cache.get(sessionId);
  if (hit) return hit;
  const { data } = await agb.getSession(sessionId);
  const list = parseToolList(data.toolList);
  const byName = new Map(list.map((t) => [t.name, t]));
  const s: ConsoleSession = {
    tools: new Set(byName.keys()),
    runCodeServer: byName.get("run_code")?.server ?? "",
    binaryFiles: hasFormatArg(byName.get("read_file")?.inputSchema) && hasFormatArg(byName.get("write_file")?.inputSchema),
    wsUrl: data.wsUrl ?? "",
    token: data.token ?? "",
  };
  cache.set(sessionId, s);
  return s;
}
