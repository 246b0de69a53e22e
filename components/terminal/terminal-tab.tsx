"use client";
// The Terminal tab: the session's terminals as tabs (they outlive the page: a reload reattaches and
// replays their recent output), a button for another one, and, on a backend without terminals
// (AGB itself), a note that points to the Commands tab.
import { useEffect, useRef, useState } from "react";
import dynamic from "next/dynamic";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Plus, SquareTerminal, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { callApi } from "@/lib/api/client";
import { endpoints } from "@/lib/api/endpoint-paths";
import type { TerminalInfo } from "@/lib/api/schemas/terminal";
import { queryKeys } from "@/lib/query-keys";
import { cn } from "@/lib/utils";

const TerminalView = dynamic(() => import("./terminal-view"), {
  ssr: false,
  loading: () => <Skeleton className="h-[28rem]" />,
});

export function TerminalTab({ sessionId, onOpenCommands }: { sessionId: string; onOpenCommands: () => void }) {
  const qc = useQueryClient();
  const list = useQuery({
    queryKey: queryKeys.console.terminals(sessionId),
    queryFn: ({ signal }) => callApi(endpoints.terminals, { id: sessionId, signal }),
    staleTime: Infinity,
  });
  const [active, setActive] = useState<string | null>(null);
  const [ended, setEnded] = useState<Record<string, string>>({});
  const open = useMutation({
    mutationFn: () => callApi(endpoints.openTerminal, { id: sessionId, body: { cols: 100, rows: 28 } }),
    onSuccess: (t: TerminalInfo) => {
      qc.setQueryData(queryKeys.console.terminals(sessionId), (old: typeof list.data) =>
        old ? { ...old, terminals: [...old.terminals, t] } : old,
      );
      setActive(t.terminalId);
    },
  });
  const close = useMutation({
    mutationFn: (tid: string) => callApi(endpoints.closeTerminal, { id: sessionId, params: { tid } }),
    onSettled: (_d, _e, tid) => {
      qc.setQueryData(queryKeys.console.terminals(sessionId), (old: typeof list.data) =>
        old ? { ...old, terminals: old.terminals.filter((t) => t.terminalId !== tid) } : old,
      );
    },
  });

  const terms = list.data?.terminals ?? [];
  // First visit to a session without a terminal: start one, as a terminal app would.
  const autoOpened = useRef(false);
  useEffect(() => {
    if (!list.data?.supported || autoOpened.current) return;
    autoOpened.current = true;
    if (list.data.terminals.length === 0) open.mutate();
  }, [list.data, open]);
  const shown =
    active && terms.some((t) => t.terminalId === active)
      ? active
      : (terms.find((t) => !t.exited) ?? terms[0])?.terminalId;

  if (list.isPending) return <Skeleton className="h-[28rem]" aria-label="Loading terminals" />;
  if (list.isError)
    return <ErrorState title="Cannot list the session's terminals" error={list.error} onRetry={() => list.refetch()} />;
  if (!list.data.supported)
    return (
      <EmptyState
        icon={<SquareTerminal />}
        title="AGB offers no terminal"
        description="This backend has no interactive terminal for its sessions (it is an extension of the embedded runtime). Run shell commands one at a time in the Commands tab."
        action={<Button onClick={onOpenCommands}>Open the Commands tab</Button>}
      />
    );

  const running = terms.filter((t) => !t.exited && !ended[t.terminalId]).length;
  return (
    <div className="flex flex-col gap-2" data-testid="terminal-tab">
      <div role="tablist" aria-label="Terminals" className="flex flex-wrap items-center gap-1">
        {terms.map((t, i) => (
          <div
            key={t.terminalId}
            className={cn(
              "flex items-center rounded-md border border-border text-sm",
              t.terminalId === shown && "bg-accent",
            )}
          >
            <button
              role="tab"
              aria-selected={t.terminalId === shown}
              className="px-3 py-1 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring rounded-md"
              onClick={() => setActive(t.terminalId)}
            >
              Terminal {i + 1}
              {ended[t.terminalId] || t.exited ? <span className="text-muted-foreground"> (ended)</span> : null}
            </button>
            <button
              aria-label={`Close terminal ${i + 1}`}
              className="px-1.5 py-1 text-muted-foreground hover:text-foreground"
              onClick={() => close.mutate(t.terminalId)}
            >
              <X className="size-3.5" aria-hidden />
            </button>
          </div>
        ))}
        <Button
          variant="outline"
          size="sm"
          onClick={() => open.mutate()}
          disabled={open.isPending || running >= list.data.maxPerSession}
          aria-label="New terminal"
        >
          <Plus aria-hidden /> New
        </Button>
        {running >= list.data.maxPerSession ? (
          <span className="text-xs text-muted-foreground">
            At most {list.data.maxPerSession} terminals per session.
          </span>
        ) : null}
      </div>
      {open.isError ? (
        <ErrorState title="Cannot open a terminal" error={open.error} onRetry={() => open.mutate()} />
      ) : null}
      {terms.length === 0 && !open.isPending && !open.isError ? (
        <EmptyState
          icon={<SquareTerminal />}
          title="No terminal"
          description="Start a shell in the session's sandbox."
          action={<Button onClick={() => open.mutate()}>New terminal</Button>}
        />
      ) : null}
      {terms.map((t) => (
        <div key={t.terminalId} role="tabpanel" hidden={t.terminalId !== shown}>
          <TerminalView
            sessionId={sessionId}
            terminalId={t.terminalId}
            active={t.terminalId === shown}
            onExit={(reason) => setEnded((e) => ({ ...e, [t.terminalId]: reason }))}
          />
          {ended[t.terminalId] ? (
            <p className="mt-1 text-sm text-muted-foreground" role="status">
              Terminal ended: {ended[t.terminalId]}.
            </p>
          ) : null}
        </div>
      ))}
    </div>
  );
}
