"use client";
import * as React from "react";
import { Plus, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FieldMessage } from "@/components/ui/label";
import { LABEL_LIMITS } from "@/lib/protocol/labels";
import { newRowId, type LabelRow, type LabelsValidation } from "./label-validation";
import { useKnownLabels } from "./use-known-labels";

type Props = {
  rows: LabelRow[];
  onChange: (rows: LabelRow[]) => void;
  validation: LabelsValidation;
  /** Server errors keyed by label key (from a 422's issues), shown beside the row. */
  serverErrors?: Record<string, string>;
  disabled?: boolean;
  idPrefix: string;
};

/** Rows of key/value inputs; errors show as the user types, under the field they belong to. */
export function LabelsEditor({ rows, onChange, validation, serverErrors, disabled, idPrefix }: Props) {
  const known = useKnownLabels();
  const keysListId = `${idPrefix}-known-keys`;
  const update = (id: string, patch: Partial<LabelRow>) =>
    onChange(rows.map((r) => (r.id === id ? { ...r, ...patch } : r)));
  const remove = (id: string) => onChange(rows.filter((r) => r.id !== id));
  const add = () => onChange([...rows, { id: newRowId(), key: "", value: "" }]);
  const count = rows.filter((r) => r.key.trim() || r.value.trim()).length;

  return (
    <div className="space-y-2" data-testid="labels-editor">
      {rows.length === 0 ? <p className="text-sm text-muted-foreground">No labels yet.</p> : null}
      <ul className="max-h-[32rem] space-y-2 overflow-y-auto p-0.5">
        {rows.map((r, i) => {
          const e = validation.rows[r.id];
          const serverErr = serverErrors?.[r.key.trim()];
          const keyErrId = `${idPrefix}-${r.id}-key-err`;
          const valErrId = `${idPrefix}-${r.id}-val-err`;
          return (
            <li key={r.id} className="grid grid-cols-[1fr_1fr_auto] items-start gap-2">
              <div className="min-w-0 space-y-1">
                <Input
                  aria-label={`Label ${i + 1} key`}
                  placeholder="key"
                  value={r.key}
                  disabled={disabled}
                  list={keysListId}
                  maxLength={LABEL_LIMITS.keyMax + 32}
                  aria-invalid={e?.key ? true : undefined}
                  aria-describedby={e?.key ? keyErrId : undefined}
                  className="font-mono text-xs"
                  onChange={(ev) => update(r.id, { key: ev.target.value })}
                />
                <FieldMessage id={keyErrId} error>
                  {e?.key}
                </FieldMessage>
              </div>
              <div className="min-w-0 space-y-1">
                <Input
                  aria-label={`Label ${i + 1} value`}
                  placeholder="value"
                  value={r.value}
                  disabled={disabled}
                  maxLength={LABEL_LIMITS.valueMax + 32}
                  aria-invalid={e?.value || serverErr ? true : undefined}
                  aria-describedby={e?.value || serverErr ? valErrId : undefined}
                  className="font-mono text-xs"
                  onChange={(ev) => update(r.id, { value: ev.target.value })}
                />
                <FieldMessage id={valErrId} error>
                  {e?.value ?? serverErr}
                </FieldMessage>
              </div>
              <Button
                variant="ghost"
                size="icon"
                disabled={disabled}
                aria-label={`Remove label ${i + 1}${r.key ? ` (${r.key})` : ""}`}
                onClick={() => remove(r.id)}
              >
                <Trash2 aria-hidden />
              </Button>
            </li>
          );
        })}
      </ul>
      <datalist id={keysListId}>
        {known.data?.keys.slice(0, 200).map((k) => (
          <option key={k.key} value={k.key} />
        ))}
      </datalist>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Button variant="outline" size="sm" onClick={add} disabled={disabled || count >= LABEL_LIMITS.perSession}>
          <Plus aria-hidden /> Add label
        </Button>
        <span className="text-xs text-muted-foreground tabular-nums">
          {count} / {LABEL_LIMITS.perSession}
        </span>
      </div>
      <FieldMessage error>{validation.form}</FieldMessage>
    </div>
  );
}
