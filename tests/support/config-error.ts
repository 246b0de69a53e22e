import { expect } from "vitest";
import { ConfigError, loadConfig } from "@/lib/server/config";

/** The message of the ConfigError that `env` must raise (the test fails when it raises none). */
export function configError(env: Record<string, string | undefined>): string {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error("expected a configuration error");
}
