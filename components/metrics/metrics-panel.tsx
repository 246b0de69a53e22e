"use client";
import { Cpu, HardDrive, MemoryStick } from "lucide-react";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { formatBytes } from "@/components/files/paths";
import { cn } from "@/lib/utils";
import dynamic from "next/dynamic";
import { useMetrics } from "./use-metrics";
import { useMetricsHistory } from "./use-metrics-history";

const MetricsCharts = dynamic(() => import("./metrics-charts"), {
  ssr: false,
  loading: () => <Skeleton className="h-56" />,
});

function Meter({ label, icon, pct, detail }: { label: string; icon: React.ReactNode; pct: number; detail: string }) {
  const clamped = Math.max(0, Math.min(100, pct));
  const tone = clamped >= 90 ? "bg-destructive" : clamped >= 70 ? "bg-warning" : "bg-primary";
  return (
    <div
      className="flex flex-col gap-2 rounded-lg border border-border p-3"
      data-testid={`metric-${label.toLowerCase()}`}
    >
      <div className="flex items-center gap-2 text-sm font-medium">
        <span className="text-muted-foreground [&_svg]:size-4" aria-hidden>
          {icon}
        </span>
        {label}
        <span className="ml-auto font-mono tabular-nums">{clamped.toFixed(clamped < 10 ? 1 : 0)}%</span>
      </div>
      <div
        role="meter"
        aria-label={`${label} used`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(clamped)}
        className="h-2 overflow-hidden rounded-full bg-muted"
      >
        <div
          className={cn("h-full rounded-full transition-[width] duration-500", tone)}
          style={{ width: `${clamped}%` }}
        />
      </div>
      <p className="text-xs text-muted-foreground tabular-nums">{detail}</p>
    </div>
  );
}

const pct = (used: number, total: number) => (total > 0 ? (used / total) * 100 : 0);

export function MetricsPanel({ sessionId }: { sessionId: string }) {
  const metrics = useMetrics(sessionId);
  const history = useMetricsHistory(sessionId, metrics.data);
  if (metrics.data === undefined && !metrics.isError) {
    return (
      <div className="grid gap-3 sm:grid-cols-3" aria-label="Loading metrics">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} className="h-24" />
        ))}
      </div>
    );
  }
  if (metrics.data === undefined)
    return (
      <ErrorState title="Cannot read the session's metrics" error={metrics.error} onRetry={() => metrics.refetch()} />
    );
  const m = metrics.data;
  const at = new Date(m.timestamp);
  return (
    <div className="flex flex-col gap-2">
      <div className="grid gap-3 sm:grid-cols-3">
        <Meter
          label="CPU"
          icon={<Cpu />}
          pct={m.cpuUsedPct}
          detail={`${m.cpuCount} CPU${m.cpuCount === 1 ? "" : "s"}`}
        />
        <Meter
          label="Memory"
          icon={<MemoryStick />}
          pct={pct(m.memUsed, m.memTotal)}
          detail={`${formatBytes(m.memUsed)} of ${formatBytes(m.memTotal)}`}
        />
        <Meter
          label="Disk"
          icon={<HardDrive />}
          pct={pct(m.diskUsed, m.diskTotal)}
          detail={`${formatBytes(m.diskUsed)} of ${formatBytes(m.diskTotal)}`}
        />
      </div>
      <p className="text-xs text-muted-foreground" aria-live="polite">
        {metrics.isError ? "Refresh failed; showing the last figures. " : ""}
        Updated {Number.isNaN(at.getTime()) ? "just now" : at.toLocaleTimeString()} · refreshes every few seconds while
        shown
      </p>
      {history.data ? <MetricsCharts history={history.data} source={history.source} /> : null}
    </div>
  );
}
