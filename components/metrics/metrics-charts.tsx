"use client";
// CPU, memory and disk over time (uPlot: ~50 KB, canvas, hover legend), each with its limit drawn
// as a dashed line, and a range picker. Loaded lazily by metrics-panel.tsx.
import { useEffect, useMemo, useRef, useState } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { formatBytes } from "@/components/files/paths";
import type { MetricsHistory } from "@/lib/api/schemas/terminal";

const RANGES = [
  { label: "5 min", ms: 5 * 60_000 },
  { label: "15 min", ms: 15 * 60_000 },
  { label: "1 h", ms: 60 * 60_000 },
] as const;

type Kind = "cpu" | "mem" | "disk";

/** A theme token as a colour the canvas understands (tokens are light-dark() pairs). */
function resolvedColor(host: HTMLElement, value: string, fallback: string): string {
  const probe = document.createElement("span");
  probe.style.color = value;
  host.appendChild(probe);
  const c = getComputedStyle(probe).color;
  probe.remove();
  return c || fallback;
}

function Chart({
  kind,
  title,
  data,
  limit,
  rangeMs,
}: {
  kind: Kind;
  title: string;
  data: MetricsHistory["samples"];
  limit: number;
  rangeMs: number;
}) {
  const el = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const fmt = useMemo(
    () =>
      kind === "cpu"
        ? (v: number | null) => (v == null ? "–" : `${v.toFixed(1)}%`)
        : (v: number | null) => (v == null ? "–" : formatBytes(v)),
    [kind],
  );

  useEffect(() => {
    const host = el.current!;
    const stroke = resolvedColor(host, "var(--primary)", "#3b82f6");
    const muted = resolvedColor(host, "var(--muted-foreground)", "#888");
    const opts: uPlot.Options = {
      width: Math.max(200, host.clientWidth),
      height: 160,
      legend: { live: true },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(max, limit || 1) * 1.05] } },
      axes: [
        { stroke: muted, grid: { stroke: "rgba(128,128,128,0.15)" } },
        {
          stroke: muted,
          size: 70,
          values: (_u, vals) => vals.map((v) => fmt(v)),
          grid: { stroke: "rgba(128,128,128,0.15)" },
        },
      ],
      series: [
        { value: (_u, v) => (v == null ? "–" : new Date(v * 1000).toLocaleTimeString()) },
        { label: title, stroke, width: 2, fill: "rgba(59,130,246,0.12)", value: (_u, v) => fmt(v) },
        {
          label: "limit",
          stroke: "#dc2626",
          width: 1,
          dash: [6, 4],
          value: (_u, v) => fmt(v),
          points: { show: false },
        },
      ],
    };
    plot.current = new uPlot(opts, [[], [], []], host);
    const ro = new ResizeObserver(() => plot.current?.setSize({ width: Math.max(200, host.clientWidth), height: 160 }));
    ro.observe(host);
    return () => {
      ro.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
  }, [kind, title, fmt, limit]);

  useEffect(() => {
    const now = Date.now();
    const shown = data.filter((s) => s.t >= now - rangeMs);
    // The range's start carries only the limit, so its line spans the chart (the newest sample is
    // at most one interval old; hovering the right edge still lands on it).
    const xs = [(now - rangeMs) / 1000, ...shown.map((s) => s.t / 1000)];
    const ys = [null, ...shown.map((s) => (kind === "cpu" ? s.cpuPct : kind === "mem" ? s.memUsed : s.diskUsed))];
    plot.current?.setData([xs, ys, xs.map(() => limit || null)], true);
    plot.current?.setScale("x", { min: (now - rangeMs) / 1000, max: now / 1000 });
  }, [data, kind, limit, rangeMs]);

  const last = data[data.length - 1];
  const lastValue = last ? (kind === "cpu" ? last.cpuPct : kind === "mem" ? last.memUsed : last.diskUsed) : null;
  return (
    <figure
      className="flex min-w-0 flex-col gap-1 rounded-lg border border-border p-3"
      data-testid={`chart-${kind}`}
      data-last-value={lastValue ?? undefined}
      data-samples={data.length}
    >
      <figcaption className="text-sm font-medium">
        {title}{" "}
        <span className="font-normal text-muted-foreground">
          (limit {kind === "cpu" ? "100%" : limit ? formatBytes(limit) : "–"})
        </span>
      </figcaption>
      <div
        ref={el}
        role="img"
        aria-label={`${title} over time; latest ${fmt(lastValue)}`}
        className="min-w-0 [&_.u-legend]:text-xs"
      />
    </figure>
  );
}

export default function MetricsCharts({ history, source }: { history: MetricsHistory; source: "backend" | "page" }) {
  const [rangeMs, setRangeMs] = useState<number>(RANGES[1].ms);
  return (
    <section aria-label="Metrics over time" className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="text-sm font-semibold">Over time</h3>
        <div role="radiogroup" aria-label="Time range" className="ml-auto flex gap-1">
          {RANGES.map((r) => (
            <button
              key={r.label}
              role="radio"
              aria-checked={rangeMs === r.ms}
              onClick={() => setRangeMs(r.ms)}
              className="rounded-md border border-border px-2 py-0.5 text-xs aria-checked:bg-primary aria-checked:text-primary-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
            >
              {r.label}
            </button>
          ))}
        </div>
      </div>
      <div className="grid gap-3 lg:grid-cols-3">
        <Chart kind="cpu" title="CPU" data={history.samples} limit={100} rangeMs={rangeMs} />
        <Chart kind="mem" title="Memory" data={history.samples} limit={history.limits.memBytes} rangeMs={rangeMs} />
        <Chart kind="disk" title="Disk" data={history.samples} limit={history.limits.diskBytes} rangeMs={rangeMs} />
      </div>
      <p className="text-xs text-muted-foreground">
        {source === "backend"
          ? history.quietIntervalS > history.intervalS
            ? `Sampled by the runtime every ${history.intervalS} s while the session is in use, every ${history.quietIntervalS} s while it is idle.`
            : `Sampled by the runtime every ${history.intervalS} s.`
          : "This backend keeps no history: sampled by this page while it is open."}
      </p>
    </section>
  );
}
