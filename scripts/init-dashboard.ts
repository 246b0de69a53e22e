// Run by `npm start` before Next starts (tsx --conditions=react-server): validates the dashboard
// configuration, migrates the database (SQLite under `<data>/dashboard/`, or DATABASE_URL) and
// creates what is missing: the first admin (a generated password, printed once and stored as a
// scrypt hash, unless DASHBOARD_PASSWORD is set) and a cookie secret (mode 0600) unless
// DASHBOARD_SESSION_SECRET is set.
import { ensureCredentials, passwordBox } from "../lib/server/auth/credentials";
import { ConfigError, loadConfig } from "../lib/server/config";
import { closeDb } from "../lib/server/db/db";

async function main() {
  let cfg;
  try {
    cfg = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`\n[init] ${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  if (cfg.databaseUrl && !cfg.sessionSecret)
    // Not an error: one instance on PostgreSQL is a fine setup. But instances sharing a database
    // with a secret each would each refuse the others' cookies.
    console.warn(
      "\n[init] DATABASE_URL is set but DASHBOARD_SESSION_SECRET is not: this instance signs its login cookies with a secret of its own, so its logins work only here. Give every instance that shares the database the same DASHBOARD_SESSION_SECRET.\n",
    );
  const { generatedPassword } = await ensureCredentials(cfg);
  if (generatedPassword) console.log(`\n${passwordBox(generatedPassword)}\n`);
  await closeDb();
}

main().catch((e) => {
  console.error(`[init] could not prepare the dashboard's credentials: ${(e as Error).message}`);
  process.exit(1);
});
