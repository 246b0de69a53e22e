// Validates the configuration when the Next server starts: a misconfiguration stops start-up
// with a message naming the variable, instead of failing on the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { loadConfig, ConfigError } = await import("./lib/server/config");
  try {
    const cfg = loadConfig();
    const { ensureCredentials, passwordBox, passwordFile } = await import("./lib/server/auth/credentials");
    const { generatedPassword } = await ensureCredentials(cfg);
    if (generatedPassword) console.log(`\n${passwordBox(generatedPassword, passwordFile(cfg))}\n`);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`\n[dashboard] ${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
}
