"use client";
import { useRef, useState } from "react";
import { Loader2, Play } from "lucide-react";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { Input } from "@/components/ui/input";
import { CommandResultCard, type CommandRun } from "./command-result-card";
import {
  initialCursor,
  loadCommandHistory,
  pushHistory,
  saveCommandHistory,
  stepHistory,
  type HistoryCursor,
} from "./command-history";
import { EnvEditor, envObject, envProblem, type EnvRow } from "./env-editor";
import { SecondsInput } from "./seconds-input";
import { useRunCommand, type RunCommandVars } from "./use-run-command";

const KEEP_RESULTS = 30;
export const DEFAULT_CWD = "/home/user";

export function CommandsTab({ sessionId }: { sessionId: string }) {
  const [command, setCommand] = useState("");
  const [cwd, setCwd] = useState(DEFAULT_CWD);
  const [timeoutS, setTimeoutS] = useState(30);
  const [envRows, setEnvRows] = useState<EnvRow[]>([]);
  const [history, setHistory] = useState<string[]>(() => loadCommandHistory(sessionId));
  const [cursor, setCursor] = useState<HistoryCursor>(initialCursor);
  const [runs, setRuns] = useState<CommandRun[]>([]);
  const runCommand = useRunCommand(sessionId);
  const seq = useRef(0);

  const problem = envProblem(envRows);
  const submit = (vars?: RunCommandVars) => {
    const v: RunCommandVars = vars ?? {
      command: command.trim(),
      cwd: cwd.trim() || undefined,
      envs: envObject(envRows),
      timeoutMs: timeoutS * 1000,
    };
    if (!v.command || (!vars && problem) || runCommand.isPending) return;
    const next = pushHistory(history, v.command);
    setHistory(next);
    saveCommandHistory(sessionId, next);
    setCursor(initialCursor);
    runCommand.mutate(v, {
      onSuccess: (result) => {
        setRuns((rs) =>
          [{ id: ++seq.current, command: v.command, cwd: v.cwd, envs: v.envs, result }, ...rs].slice(0, KEEP_RESULTS),
        );
        if (!vars) setCommand("");
      },
    });
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== "ArrowUp" && e.key !== "ArrowDown") return;
    const step = stepHistory(history, cursor, command, e.key === "ArrowUp" ? "up" : "down");
    if (!step) return;
    e.preventDefault();
    setCursor(step.cursor);
    setCommand(step.value);
  };

  return (
    <div className="flex min-w-0 flex-col gap-3">
      <form
        className="flex flex-col gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <div className="flex gap-2">
          <div className="relative min-w-0 flex-1">
            <span className="pointer-events-none absolute top-1/2 left-3 -translate-y-1/2 font-mono text-sm text-muted-foreground">
              $
            </span>
            <Input
              value={command}
              onChange={(e) => {
                setCommand(e.target.value);
                setCursor(initialCursor);
              }}
              onKeyDown={onKeyDown}
              placeholder="ls -la   (↑/↓ for history)"
              aria-label="Command"
              className="pl-7 font-mono"
              autoComplete="off"
              autoCapitalize="off"
              spellCheck={false}
            />
          </div>
          <Button type="submit" disabled={!command.trim() || Boolean(problem) || runCommand.isPending}>
            {runCommand.isPending ? <Loader2 className="animate-spin" aria-hidden /> : <Play aria-hidden />} Run
          </Button>
        </div>
        <div className="grid gap-3 sm:grid-cols-[1fr_8rem]">
          <label className="flex flex-col gap-1 text-xs font-medium text-muted-foreground">
            Working directory
            <Input
              value={cwd}
              onChange={(e) => setCwd(e.target.value)}
              className="h-8 font-mono"
              aria-label="Working directory"
              spellCheck={false}
            />
          </label>
          <label className="flex flex-col gap-1 text-xs font-medium text-muted-foreground">
            Timeout (s)
            <SecondsInput
              value={timeoutS}
              onChange={setTimeoutS}
              max={55}
              fallback={30}
              className="h-8"
              label="Command timeout in seconds"
            />
          </label>
        </div>
        <details className="rounded-md border border-border px-3 py-2" open={envRows.length > 0 ? true : undefined}>
          <summary className="cursor-pointer text-sm">
            Environment <span className="text-muted-foreground">({Object.keys(envObject(envRows)).length})</span>
          </summary>
          <div className="mt-2">
            <EnvEditor rows={envRows} onChange={setEnvRows} />
            {problem ? (
              <p role="alert" className="mt-2 text-sm text-destructive">
                {problem}
              </p>
            ) : null}
          </div>
        </details>
      </form>
      {runCommand.isError ? <ErrorState title="The command could not run" error={runCommand.error} /> : null}
      <ol className="flex flex-col gap-3" aria-label="Command results, newest first">
        {runs.map((r) => (
          <li key={r.id}>
            <CommandResultCard
              run={r}
              disabled={runCommand.isPending}
              onRerun={() => submit({ command: r.command, cwd: r.cwd, envs: r.envs, timeoutMs: timeoutS * 1000 })}
            />
          </li>
        ))}
      </ol>
    </div>
  );
}
