// The runtime's environment: defaults, and a bad value refused naming the variable.
import { describe, expect, it } from "vitest";
import { ConfigError, configFromEnv } from "@/lib/runtime/config";

describe("runtime config from the environment", () => {
  it("remembers a burst of creates for 300 s unless AGB_RUNTIME_POOL_REMEMBER_S says otherwise", () => {
    expect(configFromEnv({}).poolRememberS).toBe(300);
    expect(configFromEnv({ AGB_RUNTIME_POOL_REMEMBER_S: "900" }).poolRememberS).toBe(900);
  });

  it("refuses a span shorter than a burst, or not a number, naming the variable", () => {
    for (const bad of ["5", "15m", "-1"]) {
      expect(() => configFromEnv({ AGB_RUNTIME_POOL_REMEMBER_S: bad })).toThrow(ConfigError);
      expect(() => configFromEnv({ AGB_RUNTIME_POOL_REMEMBER_S: bad })).toThrow(
        new RegExp(`invalid AGB_RUNTIME_POOL_REMEMBER_S="${bad}"`),
      );
    }
  });
});
