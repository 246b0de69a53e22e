// How the dashboard's server (server.ts, Next's custom server) is started, for start.mjs and the
// benches: `node --import tsx`, one process, so its pid is the dashboard's. The `react-server`
// condition lets the lib/server modules it imports (marked `server-only`) load outside Next's bundles.
import path from "node:path";

/** node arguments that start server.ts (it reads PORT and HOST). */
export const dashboardServerArgs = (root) => [
  "--conditions=react-server",
  "--import",
  "tsx",
  path.join(root, "server.ts"),
];
