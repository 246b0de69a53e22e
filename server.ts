// The dashboard's HTTP server (Next's documented custom server): Next answers every page and API
// route; the one thing a route handler cannot do, upgrading to a WebSocket, is done here for the
// terminal's socket (lib/server/terminal/socket-relay.ts). A document load of the sessions page
// starts its AGB call here, before Next has routed it (lib/server/sessions/early-list.ts).
// Started by scripts/start.mjs as `node --import tsx --conditions=react-server server.ts` (the
// condition lets lib/server's `server-only` markers load outside Next's bundles).
// Env: PORT, HOST, NEXT_DIST_DIR (read by next.config.mjs). SIGTERM/SIGINT drain requests in flight.
import http from "node:http";
import next from "next";

const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOST || "127.0.0.1";

async function main() {
  const app = next({ dev: false, dir: __dirname, hostname, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const nextUpgrade = app.getUpgradeHandler();
  // Imported once Next is prepared: lib/server reaches `next/server`, which needs the globals
  // (AsyncLocalStorage) Next's server installs.
  const { createTerminalRelay } = await import("@/lib/server/terminal/socket-relay");
  const { startEarlyList } = await import("@/lib/server/sessions/early-list");
  const relay = createTerminalRelay();

  const server = http.createServer({ noDelay: true }, (req, res) => {
    startEarlyList(req);
    void handle(req, res);
  });
  server.on("upgrade", (req, socket, head) => {
    if (relay.isTerminalSocket(req)) void relay.upgrade(req, socket, head);
    else void nextUpgrade(req, socket, head);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, hostname, resolve);
  });
  console.log(`[dashboard] listening on http://${hostname}:${port}`);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    // Terminal sockets end at once (the browser reconnects to the next server); requests in flight
    // finish (scripts/start.mjs bounds how long), idle keep-alive connections close now.
    relay.close();
    server.close(() => void app.close().finally(() => process.exit(0)));
    server.closeIdleConnections();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((e: Error) => {
  console.error(`[dashboard] cannot start: ${e.stack ?? e.message}`);
  process.exit(1);
});
