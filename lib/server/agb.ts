import "server-only";
// The AGB client factory: one client (one keep-alive socket pool) per configuration.
import { createAgbClient, type AgbClient } from "@/lib/agb/client";
import { loadConfig } from "./config";
import { processGlobal } from "./process-global";

// Per process: the caches keyed by the client (labels, images) must be the same for every route.
const holder = processGlobal("agb-client", () => ({ current: null as { key: string; client: AgbClient } | null }));

export function getAgb(): AgbClient {
  const { agb } = loadConfig();
  const key = `${agb.endpoint}\n${agb.apiKey}\n${agb.timeoutMs}`;
  if (holder.current?.key === key) return holder.current.client;
  holder.current?.client.close();
  const client = createAgbClient({ endpoint: agb.endpoint, apiKey: agb.apiKey, timeoutMs: agb.timeoutMs });
  holder.current = { key, client };
  return client;
}
