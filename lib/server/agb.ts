import "server-only";
// The AGB client factory: one client (one keep-alive socket pool) per configuration.
import { createAgbClient, type AgbClient } from "@/lib/agb/client";
import { loadConfig } from "./config";

let current: { key: string; client: AgbClient } | null = null;

export function getAgb(): AgbClient {
  const { agb } = loadConfig();
  const key = `${agb.endpoint}\n${agb.apiKey}\n${agb.timeoutMs}`;
  if (current?.key === key) return current.client;
  current?.client.close();
  current = { key, client: createAgbClient({ endpoint: agb.endpoint, apiKey: agb.apiKey, timeoutMs: agb.timeoutMs }) };
  return current.client;
}
