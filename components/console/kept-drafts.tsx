"use client";
// The code a user was writing in a session that is now gone (deleted elsewhere, released when idle):
// its drafts stay in this browser's storage, so the not-found page shows them to copy into a new
// session instead of losing them with the console.
import * as React from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { LANGUAGES } from "@/lib/protocol/images";
import type { Language } from "@/lib/api/schemas/console";
import { CODE_SAMPLES } from "./code-samples";
import { LANGUAGE_LABELS } from "./format";
import { loadDraft } from "./history-store";

type Draft = { language: Language; code: string };

function keptDrafts(sessionId: string): Draft[] {
  try {
    return LANGUAGES.map((language) => ({
      language,
      code: loadDraft(window.localStorage, sessionId, language) ?? "",
    })).filter((d) => d.code.trim() !== "" && d.code !== CODE_SAMPLES[d.language]);
  } catch {
    return []; // storage unavailable
  }
}

/** Browser only (the session page loads it with `ssr: false`): the drafts are in this browser's storage. */
export function KeptDrafts({ sessionId }: { sessionId: string }) {
  const drafts = React.useMemo(() => keptDrafts(sessionId), [sessionId]);
  if (drafts.length === 0) return null;
  return (
    <section aria-label="Code kept from this session" className="mx-auto mt-6 w-full max-w-3xl space-y-3 text-left">
      <p className="text-sm text-muted-foreground">
        The code you were writing in this session is kept in this browser: copy it into a new session.
      </p>
      {drafts.map((d) => (
        <figure key={d.language} className="rounded-md border border-border" data-testid="kept-draft">
          <figcaption className="flex items-center justify-between border-b border-border px-3 py-1.5 text-sm font-medium">
            {LANGUAGE_LABELS[d.language]}
            <CopyButton value={d.code} label={`Copy the ${LANGUAGE_LABELS[d.language]} code`} />
          </figcaption>
          <pre className="max-h-64 overflow-auto px-3 py-2 font-mono text-xs whitespace-pre-wrap break-all">
            {d.code}
          </pre>
        </figure>
      ))}
    </section>
  );
}
