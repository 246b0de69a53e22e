import "server-only";
// What the console can offer for a session, from the same cached tool list its operations use.
import type { ConsoleCapabilities } from "@/lib/api/schemas/console";
import type { AgbClient } from "@/lib/agb/client";
import { consoleSession } from "./session-tools";

export async function consoleCapabilities(agb: AgbClient, sessionId: string): Promise<ConsoleCapabilities> {
  const s = await consoleSession(agb, sessionId);
  return { interrupt: s.tools.has("interrupt_code"), detailedListing: s.tools.has("list_directory_detailed") };
}
