"use client";
import { Plus, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

export type EnvRow = { id: number; key: string; value: string };

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The first problem with the rows, in words, or null when they make a valid environment. */
export function envProblem(rows: EnvRow[]): string | null {
  const seen = new Set<string>();
  for (const r of rows) {
    if (!r.key && !r.value) continue;
    if (!r.key) return `A variable with value "${r.value.slice(0, 20)}" has no name`;
    if (!NAME.test(r.key))
      return `"${r.key}" is not a valid variable name (letters, digits and _, not starting with a digit)`;
    if (seen.has(r.key)) return `"${r.key}" is set twice`;
    seen.add(r.key);
  }
  return null;
}

export function envObject(rows: EnvRow[]): Record<string, string> {
  return Object.fromEntries(rows.filter((r) => r.key).map((r) => [r.key, r.value]));
}

let nextId = 1;
export const newEnvRow = (): EnvRow => ({ id: nextId++, key: "", value: "" });

export function EnvEditor({ rows, onChange }: { rows: EnvRow[]; onChange: (rows: EnvRow[]) => void }) {
  const set = (id: number, patch: Partial<EnvRow>) => onChange(rows.map((r) => (r.id === id ? { ...r, ...patch } : r)));
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1 text-xs font-medium text-muted-foreground">Environment variables</legend>
      {rows.map((r, i) => (
        <div key={r.id} className="flex items-center gap-2">
          <Input
            value={r.key}
            onChange={(e) => set(r.id, { key: e.target.value })}
            placeholder="NAME"
            aria-label={`Variable ${i + 1} name`}
            aria-invalid={Boolean(r.key) && !NAME.test(r.key)}
            className="h-8 w-2/5 font-mono"
            spellCheck={false}
          />
          <Input
            value={r.value}
            onChange={(e) => set(r.id, { value: e.target.value })}
            placeholder="value"
            aria-label={`Variable ${i + 1} value`}
            className="h-8 font-mono"
            spellCheck={false}
          />
          <Button
            size="icon-sm"
            variant="ghost"
            aria-label={`Remove variable ${i + 1}`}
            onClick={() => onChange(rows.filter((x) => x.id !== r.id))}
          >
            <X aria-hidden />
          </Button>
        </div>
      ))}
      <div>
        <Button size="sm" variant="outline" onClick={() => onChange([...rows, newEnvRow()])}>
          <Plus aria-hidden /> Add variable
        </Button>
      </div>
    </fieldset>
  );
}
