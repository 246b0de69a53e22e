"use client";
import * as React from "react";
import { CopyButton } from "@/components/ui/copy-button";
import type { SessionDetail } from "@/lib/api/schemas/sessions";
import { formatDateTime } from "./format";
import { IdleCountdown } from "./idle-countdown";
import { StatusBadge } from "./status-badge";

function Field({ label, value: raw, children }: { label: string; value: string | null; children?: React.ReactNode }) {
  const value = raw === "" ? null : raw;
  return (
    <div className="grid grid-cols-[8.5rem_1fr] items-center gap-2 border-b border-border py-2 last:border-0 max-sm:grid-cols-1 max-sm:gap-0.5">
      <dt className="text-xs font-medium text-muted-foreground">{label}</dt>
      <dd className="flex min-w-0 items-center gap-1 text-sm">
        <span className="min-w-0 flex-1 truncate font-mono text-xs" title={value ?? undefined}>
          {children ?? value ?? (
            <span
              className="cursor-help text-muted-foreground"
              title="The backend does not report this (AGB's getSession carries no image, times or idle timeout)"
            >
              —
            </span>
          )}
        </span>
        {value ? <CopyButton value={value} label={`Copy ${label.toLowerCase()}`} className="size-7 shrink-0" /> : null}
      </dd>
    </div>
  );
}

export function SessionInfoCard({ s }: { s: SessionDetail }) {
  return (
    <section aria-labelledby="info-heading" className="rounded-lg border border-border p-4">
      <h2 id="info-heading" className="mb-1 font-semibold">
        Info
      </h2>
      <dl>
        <Field label="Session ID" value={s.sessionId} />
        <Field label="Status" value={s.status}>
          <StatusBadge status={s.status} />
        </Field>
        <Field label="Image" value={s.imageId} />
        <Field label="Resource URL" value={s.resourceUrl} />
        <Field label="App instance ID" value={s.appInstanceId} />
        <Field label="Resource ID" value={s.resourceId} />
        <Field label="Created" value={s.createdAt}>
          {s.createdAt ? formatDateTime(s.createdAt) : null}
        </Field>
        <Field label="Idle timeout" value={s.idleTimeoutSeconds === null ? null : String(s.idleTimeoutSeconds)}>
          {s.idleTimeoutSeconds === null ? null : `${s.idleTimeoutSeconds} s`}
        </Field>
        <Field label="Released if idle" value={s.idleReleaseAt}>
          {s.idleReleaseAt ? (
            <span data-testid="idle-countdown">
              in <IdleCountdown releaseAt={s.idleReleaseAt} />{" "}
              <span className="text-muted-foreground">({formatDateTime(s.idleReleaseAt)})</span>
            </span>
          ) : null}
        </Field>
        <Field label="Last request ID" value={s.requestId} />
      </dl>
    </section>
  );
}
