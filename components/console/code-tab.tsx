"use client";
// The Code tab. Split so a run re-renders little: the toolbar follows only whether a run is in
// progress, the editor only its own props, and the history only the cells whose run changed.
import { memo, useCallback, useEffect, useRef, useState } from "react";
import { Info, Loader2, Play, Square, Trash2 } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { LazyConfirmDialog } from "@/components/ui/lazy-confirm-dialog";
import { NativeSelect } from "@/components/ui/native-select";
import type { Language } from "@/lib/api/schemas/console";
import { LANGUAGES } from "@/lib/protocol/images";
import { CODE_SAMPLES } from "./code-samples";
import { LANGUAGE_LABELS } from "./format";
import { loadDraft, saveDraft } from "./history-store";
import { LazyCodeEditor } from "./lazy-code-editor";
import { RunCell } from "./run-cell";
import { SecondsInput } from "./seconds-input";
import type { RunRecord } from "./run-record";
import { codeHistory, useCodeHistory, useRunningRunId } from "./use-code-history";
import { useCodeRunner } from "./use-code-runner";
import { useConsoleCapabilities } from "./use-console-capabilities";

function readDraft(sessionId: string, language: Language): string {
  try {
    return loadDraft(window.localStorage, sessionId, language) ?? CODE_SAMPLES[language];
  } catch {
    return CODE_SAMPLES[language];
  }
}

const MemoEditor = memo(LazyCodeEditor);

export function CodeTab({ sessionId }: { sessionId: string }) {
  const [language, setLanguage] = useState<Language>("python");
  const [code, setCode] = useState(() => readDraft(sessionId, "python"));
  const [timeoutS, setTimeoutS] = useState(60);
  const runningId = useRunningRunId(sessionId, language);
  const busy = runningId !== null;
  const { run, stop, detach, stopping } = useCodeRunner(sessionId);
  // Until the answer arrives Stop is offered as usual; a backend without interrupt is said so up front.
  const canInterrupt = useConsoleCapabilities(sessionId).data?.interrupt !== false;

  useEffect(() => {
    try {
      saveDraft(window.localStorage, sessionId, language, code);
    } catch {
      /* storage unavailable */
    }
  }, [sessionId, language, code]);

  const switchLanguage = useCallback(
    (next: Language) => {
      setLanguage(next);
      setCode(readDraft(sessionId, next));
    },
    [sessionId],
  );
  // Reads the store, not render state: Ctrl+Enter twice in one frame must not start two runs.
  const startRun = useCallback(
    (source: string, lang: Language) => {
      if (!source.trim() || codeHistory.isBusy(sessionId, lang)) return;
      run(lang, source, timeoutS);
    },
    [sessionId, run, timeoutS],
  );
  const start = () => startRun(code, language);
  // The editor's Ctrl+Enter goes through a ref so the memoized editor keeps one callback.
  const startRef = useRef(start);
  useEffect(() => {
    startRef.current = start;
  });
  const onEditorRun = useCallback(() => startRef.current(), []);
  const onRerun = useCallback((r: RunRecord) => startRun(r.code, r.language), [startRun]);
  const onEdit = useCallback((r: RunRecord) => setCode(r.code), []);

  return (
    <div className="flex min-w-0 flex-col gap-3">
      <div className="flex flex-wrap items-center gap-2">
        <LanguageSelect value={language} onChange={switchLanguage} />
        <label className="flex items-center gap-1.5 text-xs text-muted-foreground">
          Timeout
          <SecondsInput
            value={timeoutS}
            onChange={setTimeoutS}
            max={300}
            fallback={60}
            className="h-8 w-20"
            label="Timeout in seconds"
          />
          s
        </label>
        <span className="ml-auto flex items-center gap-2">
          <Badge variant={busy ? "warning" : "outline"} data-testid="kernel-state" aria-live="polite">
            {busy ? <DelayedSpinner /> : null}
            {busy ? `${LANGUAGE_LABELS[language]} busy` : `${LANGUAGE_LABELS[language]} idle`}
          </Badge>
          {runningId !== null && canInterrupt ? (
            <Button
              variant="destructive"
              size="sm"
              onClick={() => stop(language, runningId)}
              disabled={stopping.has(language)}
            >
              <Square aria-hidden /> {stopping.has(language) ? "Stopping…" : "Stop"}
            </Button>
          ) : null}
          {runningId !== null && !canInterrupt ? (
            <Button
              variant="outline"
              size="sm"
              onClick={() => detach(runningId)}
              title="Stops showing this run; it keeps running in the session"
            >
              <Square aria-hidden /> Stop waiting
            </Button>
          ) : null}
          <Button size="sm" onClick={() => start()} disabled={busy || !code.trim()} title="Run (Ctrl+Enter)">
            <Play aria-hidden /> Run
            <kbd className="hidden rounded bg-primary-foreground/20 px-1 font-mono text-[10px] sm:inline">Ctrl ⏎</kbd>
          </Button>
        </span>
      </div>

      {canInterrupt ? null : (
        <p className="flex items-start gap-1.5 text-xs text-muted-foreground" data-testid="interrupt-unavailable">
          <Info className="mt-px size-3.5 shrink-0" aria-hidden />
          This backend cannot interrupt running code (only the embedded runtime can): a run ends when it finishes or
          reaches its timeout.
        </p>
      )}

      <MemoEditor
        value={code}
        onChange={setCode}
        language={language}
        onRun={onEditorRun}
        ariaLabel={`${LANGUAGE_LABELS[language]} code`}
        minHeight="9rem"
        maxHeight="24rem"
      />

      <RunHistory sessionId={sessionId} language={language} onRerun={onRerun} onEdit={onEdit} />
    </div>
  );
}

/**
 * Appears only once a run has lasted a moment: a quick run then never starts the animation, whose
 * frames (re-compositing the page under the blurred header) compete with the run for the CPU.
 */
function DelayedSpinner() {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const t = setTimeout(() => setShown(true), 300);
    return () => clearTimeout(t);
  }, []);
  return shown ? <Loader2 className="size-3 animate-spin" aria-hidden /> : null;
}

/** A native select: four fixed languages do not need Radix's select (and its positioning code) in the first load. */
const LanguageSelect = memo(function LanguageSelect({
  value,
  onChange,
}: {
  value: Language;
  onChange: (language: Language) => void;
}) {
  return (
    <NativeSelect
      className="w-36"
      aria-label="Language"
      value={value}
      onChange={(e) => onChange(e.target.value as Language)}
    >
      {LANGUAGES.map((l) => (
        <option key={l} value={l}>
          {LANGUAGE_LABELS[l]}
        </option>
      ))}
    </NativeSelect>
  );
});

/** The run list: the only part of the tab that follows every streamed chunk. */
const RunHistory = memo(function RunHistory({
  sessionId,
  language,
  onRerun,
  onEdit,
}: {
  sessionId: string;
  language: Language;
  onRerun: (r: RunRecord) => void;
  onEdit: (r: RunRecord) => void;
}) {
  const runs = useCodeHistory(sessionId, language);
  const busy = runs.some((r) => r.status === "running");
  const [confirmClear, setConfirmClear] = useState(false);
  const onRemove = useCallback((r: RunRecord) => codeHistory.remove(sessionId, r.language, r.id), [sessionId]);
  return (
    <>
      <div className="flex items-center justify-between">
        <h3 className="text-sm font-medium">
          History <span className="text-muted-foreground">({runs.length})</span>
        </h3>
        {runs.length > 0 ? (
          <Button size="sm" variant="ghost" onClick={() => setConfirmClear(true)} disabled={busy}>
            <Trash2 aria-hidden /> Clear
          </Button>
        ) : null}
      </div>
      {runs.length === 0 ? (
        <p className="text-sm text-muted-foreground">
          Runs of {LANGUAGE_LABELS[language]} code in this session appear here. Variables persist between runs while the
          session lives.
        </p>
      ) : (
        <ol className="flex flex-col gap-3" aria-label="Run history, newest first">
          {runs.toReversed().map((r) => (
            // Off-screen cells skip style, layout and paint until scrolled to.
            <li key={r.id} className="[contain-intrinsic-size:auto_9rem] [content-visibility:auto]">
              <RunCell run={r} sessionId={sessionId} onRerun={onRerun} onEdit={onEdit} onRemove={onRemove} />
            </li>
          ))}
        </ol>
      )}
      <LazyConfirmDialog
        open={confirmClear}
        onOpenChange={setConfirmClear}
        title={`Clear the ${LANGUAGE_LABELS[language]} history?`}
        description="The runs are removed from this browser. The kernel keeps its variables."
        confirmLabel="Clear history"
        destructive
        onConfirm={() => {
          codeHistory.clear(sessionId, language);
          setConfirmClear(false);
        }}
      />
    </>
  );
});
