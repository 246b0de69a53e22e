"use client";
import * as React from "react";
import { Plus, Tag } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Chip } from "@/components/ui/badge";
import { Input } from "@/components/ui/input";
import type { LabelPair } from "@/lib/query-keys";
import { parseTypedLabelPair } from "@/lib/protocol/labels";
import type { Suggestion } from "./label-suggestions";

type Combo = typeof import("./suggestion-list");
import { useKnownLabels } from "./use-known-labels";

type Props = {
  labels: LabelPair[];
  onAdd: (p: LabelPair) => void;
  onRemove: (key: string) => void;
  onClear: () => void;
};

/**
 * The AND filter: one chip per `key=value`, and a combobox that suggests known keys, then the
 * known values of the typed key. Nothing is applied until Enter or a pick, so typing costs no request.
 */
export function LabelFilter({ labels, onAdd, onRemove, onClear }: Props) {
  const [draft, setDraft] = React.useState("");
  const [open, setOpen] = React.useState(false);
  const [active, setActive] = React.useState(-1);
  const [error, setError] = React.useState<string | null>(null);
  const [wantKnown, setWantKnown] = React.useState(false);
  const known = useKnownLabels(wantKnown);
  // The suggestions' ranking and list load with the known labels, on first focus: most visits never type a filter.
  const [combo, setCombo] = React.useState<Combo | null>(null);
  const inputRef = React.useRef<HTMLInputElement>(null);
  const listId = React.useId();
  const errId = React.useId();
  const deferred = React.useDeferredValue(draft);

  const exclude = React.useMemo(() => new Set(labels.map((l) => l.key)), [labels]);
  const suggestions = React.useMemo(
    () => (combo ? combo.suggestLabels(known.data, deferred, exclude) : []),
    [combo, known.data, deferred, exclude],
  );
  const showList = open && suggestions.length > 0;

  const commit = (pair: LabelPair) => {
    onAdd(pair);
    setDraft("");
    setError(null);
    setActive(-1);
  };

  const pick = (s: Suggestion) => {
    if (s.kind === "key") {
      setDraft(`${s.key}=`);
      setActive(-1);
      setOpen(true);
      inputRef.current?.focus();
    } else {
      commit({ key: s.key, value: s.value });
    }
  };

  const submit = () => {
    if (showList && active >= 0 && suggestions[active]) return pick(suggestions[active]);
    if (!draft.trim()) return;
    const pair = parseTypedLabelPair(draft);
    if (!pair) {
      setError("Type a label as key=value, e.g. env=prod");
      return;
    }
    commit(pair);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (suggestions.length ? (a + 1) % suggestions.length : -1));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setActive((a) => (suggestions.length ? (a <= 0 ? suggestions.length - 1 : a - 1) : -1));
    } else if (e.key === "Enter") {
      e.preventDefault();
      submit();
    } else if (e.key === "Escape") {
      if (open) {
        e.preventDefault();
        setOpen(false);
        setActive(-1);
      }
    } else if (e.key === "Backspace" && draft === "" && labels.length > 0) {
      onRemove(labels[labels.length - 1].key);
    }
  };

  return (
    <div className="flex min-w-0 flex-col gap-2">
      <div className="flex min-w-0 flex-wrap items-center gap-2">
        <div className="relative min-w-0 flex-1 sm:max-w-md">
          <Tag
            className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground"
            aria-hidden
          />
          <Input
            ref={inputRef}
            role="combobox"
            aria-label="Filter by label (key=value)"
            aria-expanded={showList}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={showList && active >= 0 ? `${listId}-${active}` : undefined}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errId : undefined}
            placeholder="Filter by label: key=value"
            className="pl-8"
            value={draft}
            autoComplete="off"
            spellCheck={false}
            data-testid="label-filter-input"
            onFocus={() => {
              setWantKnown(true);
              if (!combo) void import("./suggestion-list").then(setCombo);
              setOpen(true);
            }}
            onBlur={() => setTimeout(() => setOpen(false), 120)}
            onChange={(e) => {
              setDraft(e.target.value);
              setError(null);
              setActive(-1);
              setOpen(true);
            }}
            onKeyDown={onKeyDown}
          />
          {combo ? (
            <combo.SuggestionList
              id={listId}
              suggestions={suggestions}
              active={active}
              show={showList}
              onActive={setActive}
              onPick={pick}
            />
          ) : (
            <ul id={listId} role="listbox" aria-label="Label suggestions" hidden />
          )}
        </div>
        <Button variant="outline" size="icon" aria-label="Add label filter" onClick={submit}>
          <Plus aria-hidden />
        </Button>
      </div>
      {error ? (
        <p id={errId} role="alert" className="text-xs text-destructive">
          {error}
        </p>
      ) : null}
      {labels.length > 0 ? (
        <div className="flex min-w-0 flex-wrap items-center gap-1.5" aria-label="Active label filters" role="group">
          {labels.map((l) => (
            <Chip
              key={l.key}
              title={`${l.key}=${l.value}`}
              onRemove={() => onRemove(l.key)}
              removeLabel={`Remove filter ${l.key}=${l.value}`}
              className="max-w-72 border-primary/40 bg-primary/10"
            >
              <span className="font-mono">
                {l.key}={l.value}
              </span>
            </Chip>
          ))}
          <Button variant="link" size="sm" className="h-6 px-1" onClick={onClear}>
            Clear all
          </Button>
        </div>
      ) : null}
    </div>
  );
}
