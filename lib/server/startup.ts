import "server-only";
// Server start-up (called from instrumentation.ts in the Node.js runtime): validate the
// configuration, create missing credentials and start the audit retention sweep; a bad variable
// stops the process with its name.
import { startAuditRetention } from "./audit/retention";
import { installPeerAddressHeader } from "./auth/client-address";
import { ensureCredentials, passwordBox } from "./auth/credentials";
import { ConfigError, loadConfig } from "./config";

export async function startup(): Promise<void> {
  installPeerAddressHeader();
  try {
    const cfg = loadConfig();
    const { generatedPassword } = await ensureCredentials(cfg);
    if (generatedPassword) console.log(`\n${passwordBox(generatedPassword)}\n`);
    // Old audit entries and ended logins go now and hourly (the database is migrated by now).
    startAuditRetention();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`\n[dashboard] ${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
}
