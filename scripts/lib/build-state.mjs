// Decides whether the Next.js build in distDir is older than the sources it was built from.
import fs from "node:fs";
import path from "node:path";

const SOURCES = [
  "app",
  "components",
  "lib",
  "public",
  "next.config.mjs",
  "package-lock.json",
  "postcss.config.mjs",
  "tsconfig.json",
  "proxy.ts",
  "instrumentation.ts",
];
const SKIP = new Set(["node_modules", "runtime", ".next"]);

function newestMtime(p) {
  let st;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let max = 0;
  for (const name of fs.readdirSync(p)) {
    if (SKIP.has(name)) continue;
    max = Math.max(max, newestMtime(path.join(p, name)));
  }
  return max;
}

export function buildIsStale(root, distDir) {
  const id = path.join(root, distDir, "BUILD_ID");
  if (!fs.existsSync(id)) return true;
  const built = fs.statSync(id).mtimeMs;
  return SOURCES.some((s) => newestMtime(path.join(root, s)) > built);
}
