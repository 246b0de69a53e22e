/**
 * `npm run runtime`: the embedded AGB runtime alone. Prints the endpoint and API key for SDK users
 * (AGB_ENDPOINT / AGB_API_KEY) and stops cleanly on SIGINT/SIGTERM. Configuration: lib/runtime/config.ts.
 * `--quiet-banner` (used by `npm start`, which prints its own): one line with the endpoint, no key.
 * `--strict`: answer exactly as AGB documents it (same as AGB_RUNTIME_STRICT=1).
 */
import { ConfigError } from "../lib/runtime/config";
import { startRuntime } from "../lib/runtime/main";

async function main() {
  let rt;
  try {
    rt = await startRuntime(process.argv.includes("--strict") ? { strict: true } : {});
  } catch (e) {
    const msg = e instanceof ConfigError ? `configuration error: ${e.message}` : (e as Error).message;
    process.stderr.write(`[runtime] failed to start: ${msg}\n`);
    process.exit(1);
  }
  const flags = `${rt.sandboxed ? "" : " (UNSANDBOXED)"}${rt.strict ? " (strict: AGB's documented surface only)" : ""}`;
  if (process.argv.includes("--quiet-banner"))
    process.stderr.write(`[runtime] embedded AGB runtime on ${rt.url}${flags}\n`);
  else
    process.stderr.write(
      `\n[runtime] embedded AGB runtime ready${flags}\n` +
        `[runtime] use it with the AGB SDK:\n` +
        `AGB_ENDPOINT=${rt.url} AGB_API_KEY=${rt.apiKey}\n` +
        (rt.controlKey
          ? `[runtime] test control on ${rt.url}/_control/ with header x-control-key: ${rt.controlKey}\n`
          : "") +
        `[runtime] data: ${rt.dataDir}    stop: Ctrl+C\n\n`,
    );
  let stopping = false;
  const stop = (sig: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`[runtime] ${sig}: stopping (session files stay on disk)\n`);
    const hard = setTimeout(() => process.exit(1), 10_000);
    hard.unref();
    rt.close().then(
      () => process.exit(0),
      (e) => {
        process.stderr.write(`[runtime] error while stopping: ${(e as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

void main();
