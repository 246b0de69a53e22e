import os from "node:os";
import type { Stats } from "./stats";

export type Row = [label: string, stats: Stats, note: string];

/** "N cores, node vX": the machine part every bench title shows. */
export const machine = () => `${os.cpus().length} cores, node ${process.version}`;

/** The runtime-side benches' table: label, n, median, p95, then the target or ratio note. */
export function printTable(title: string, rows: Row[], ruleExtra = 60) {
  const w = Math.max(...rows.map((r) => r[0].length));
  console.log(`\n${title}\n`);
  console.log(
    `${"measurement".padEnd(w)}  ${"n".padStart(4)}  ${"median ms".padStart(9)}  ${"p95 ms".padStart(8)}  target / ratio`,
  );
  console.log("-".repeat(w + ruleExtra));
  for (const [name, s, note] of rows)
    console.log(
      `${name.padEnd(w)}  ${String(s.n).padStart(4)}  ${s.p50.toFixed(2).padStart(9)}  ${s.p95.toFixed(2).padStart(8)}  ${note}`,
    );
  console.log("");
}

/** The browser benches' table (median, p95, n), one line at a time with labels padded to `width`. */
export function compactTable(width: number) {
  const fmt = (s: Stats) =>
    `${s.p50.toFixed(1).padStart(8)} ms ${s.p95.toFixed(1).padStart(8)} ms ${String(s.n).padStart(4)}`;
  return {
    header: () =>
      console.log(`${"measure".padEnd(width)} ${"median".padStart(11)} ${"p95".padStart(11)} ${"n".padStart(4)}`),
    line: (label: string, s: Stats) => console.log(`${label.padEnd(width)} ${fmt(s)}`),
  };
}
