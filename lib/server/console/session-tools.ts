import "server-only";
// What a session's image can do, from its toolList (getSession), cached briefly: the console
// uses extension tools and arguments (list_directory_detailed, interrupt_code, write_file format,
// delete_file recursive) when the list offers them and degrades to the standard ones otherwise.
import { parseToolList, type AgbClient } from "@/lib/agb/client";
import { processGlobal } from "../process-global";
import { TtlLru } from "../util/lru";

export interface ConsoleSession {
  tools: Set<string>;
  runCodeServer: string;
  /** read_file accepts `format: "binary"` (base64): AGB documents it, so assumed unless the schema says otherwise. */
  binaryRead: boolean;
  /** write_file accepts `format: "binary"` (an extension): uploads of any bytes. */
  binaryWrite: boolean;
  /** delete_file accepts `recursive: true` (an extension): folders with contents. */
  recursiveDelete: boolean;
  wsUrl: string;
  token: string;
}

// Per process: the routes and server.ts's terminal relay ask for the same sessions.
const cache = processGlobal("console-sessions", () => new TtlLru<ConsoleSession>(1_000, 30_000));

/** The argument names a tool's input schema lists, or null when it lists none (nothing known). */
const argsOf = (schema: unknown): Set<string> | null => {
  const props = (schema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return props && typeof props === "object" ? new Set(Object.keys(props)) : null;
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
    binaryRead: argsOf(byName.get("read_file")?.inputSchema)?.has("format") ?? true,
    binaryWrite: argsOf(byName.get("write_file")?.inputSchema)?.has("format") ?? false,
    recursiveDelete: argsOf(byName.get("delete_file")?.inputSchema)?.has("recursive") ?? false,
    wsUrl: data.wsUrl ?? "",
    token: data.token ?? "",
  };
  cache.set(sessionId, s);
  return s;
}
