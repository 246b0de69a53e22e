"use client";
import * as React from "react";
import { useRouter } from "next/navigation";
import { ArrowRight } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

/**
 * Paste an id (or a dashboard link to a session) and go straight to it. The input is uncontrolled:
 * what was typed before the page hydrated stays (a controlled one is reset to its empty state).
 */
export function GoToSession() {
  const router = useRouter();
  const [error, setError] = React.useState<string | null>(null);
  const go = (text: string) => {
    let id = text.trim();
    const m = /\/sessions\/([^/?#\s]+)/.exec(id);
    if (m) id = decodeURIComponent(m[1]);
    if (!id) return setError("Paste a session id");
    if (id.length > 256 || /\s/.test(id)) return setError("That does not look like a session id");
    router.push(`/sessions/${encodeURIComponent(id)}`);
  };
  return (
    <form
      role="search"
      aria-label="Go to session"
      className="flex min-w-0 flex-col gap-1"
      onSubmit={(e) => {
        e.preventDefault();
        go(String(new FormData(e.currentTarget).get("id") ?? ""));
      }}
    >
      <div className="flex min-w-0 gap-1">
        <Input
          aria-label="Session id"
          placeholder="Go to session id…"
          className="font-mono text-xs sm:w-64"
          name="id"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "goto-err" : undefined}
          onChange={() => setError(null)}
          data-testid="goto-session"
        />
        <Button type="submit" variant="outline" size="icon" aria-label="Go to session">
          <ArrowRight aria-hidden />
        </Button>
      </div>
      {error ? (
        <p id="goto-err" role="alert" className="text-xs text-destructive">
          {error}
        </p>
      ) : null}
    </form>
  );
}
