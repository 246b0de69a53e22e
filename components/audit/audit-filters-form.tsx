"use client";
import * as React from "react";
import { Search, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { AUDIT_ACTIONS } from "@/lib/api/endpoints";
import { fromLocalInput, toLocalInput, type AuditFilters } from "./filters";

/** The filter form: applied on submit (Enter or Apply), so typing does not query on every key. */
export function AuditFiltersForm({ value, onApply }: { value: AuditFilters; onApply: (f: AuditFilters) => void }) {
  const id = React.useId();
  // Remount on an outside change (back button, a link) so the fields show the applied filters.
  const key = JSON.stringify(value);
  return (
    <form
      key={key}
      role="search"
      aria-label="Filter the audit log"
      className="grid gap-3 rounded-lg border border-border p-3 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_12rem_auto_auto_auto]"
      onSubmit={(e) => {
        e.preventDefault();
        const fd = new FormData(e.currentTarget);
        const s = (k: string) => String(fd.get(k) ?? "").trim() || undefined;
        onApply({
          user: s("user"),
          session: s("session"),
          action: s("action"),
          from: fromLocalInput(String(fd.get("from") ?? "")),
          to: fromLocalInput(String(fd.get("to") ?? ""), true),
        });
      }}
    >
      <div className="grid gap-1.5">
        <Label htmlFor={`${id}-user`}>User</Label>
        <Input id={`${id}-user`} name="user" defaultValue={value.user} placeholder="username" autoComplete="off" />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor={`${id}-session`}>Session</Label>
        <Input
          id={`${id}-session`}
          name="session"
          defaultValue={value.session}
          placeholder="session id"
          autoComplete="off"
          className="font-mono"
        />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor={`${id}-action`}>Action</Label>
        <NativeSelect id={`${id}-action`} name="action" defaultValue={value.action ?? ""}>
          <option value="">Any action</option>
          {AUDIT_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor={`${id}-from`}>From</Label>
        <Input id={`${id}-from`} name="from" type="datetime-local" defaultValue={toLocalInput(value.from)} />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor={`${id}-to`}>To</Label>
        <Input id={`${id}-to`} name="to" type="datetime-local" defaultValue={toLocalInput(value.to)} />
      </div>
      <div className="flex items-end gap-2">
        <Button type="submit">
          <Search aria-hidden /> Apply
        </Button>
        <Button type="button" variant="ghost" onClick={() => onApply({})} disabled={key === "{}"}>
          <X aria-hidden /> Clear
        </Button>
      </div>
    </form>
  );
}
