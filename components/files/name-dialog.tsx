"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";

interface NameFormProps {
  title: string;
  description?: string;
  label: string;
  initial: string;
  submitLabel: string;
  validate: (value: string) => string | null;
  pending: boolean;
  onSubmit: (value: string) => void;
}

/** Asks for one name or path, checks it with `validate`, and submits it. */
export function NameDialog({
  open,
  onOpenChange,
  ...form
}: NameFormProps & { open: boolean; onOpenChange: (open: boolean) => void }) {
  return (
    <Dialog open={open} onOpenChange={(o) => !form.pending && onOpenChange(o)}>
      <DialogContent>
        {/* Keyed by `initial` so each opening starts from its own value. */}
        {open ? <NameForm key={form.initial} {...form} onCancel={() => onOpenChange(false)} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function NameForm({
  title,
  description,
  label,
  initial,
  submitLabel,
  validate,
  pending,
  onSubmit,
  onCancel,
}: NameFormProps & { onCancel: () => void }) {
  const [value, setValue] = useState(initial);
  const [touched, setTouched] = useState(false);
  const problem = validate(value);
  return (
    <form
      className="grid gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        setTouched(true);
        if (!problem) onSubmit(value.trim());
      }}
    >
      <DialogHeader>
        <DialogTitle>{title}</DialogTitle>
        {description ? <DialogDescription>{description}</DialogDescription> : null}
      </DialogHeader>
      <label className="grid gap-1.5 text-sm font-medium">
        {label}
        <Input
          value={value}
          onChange={(e) => {
            setValue(e.target.value);
            setTouched(true);
          }}
          aria-invalid={touched && Boolean(problem)}
          aria-describedby="name-dialog-problem"
          className="font-mono"
          autoFocus
          spellCheck={false}
          onFocus={(e) => {
            // Select the name without its extension, as file managers do.
            const v = e.target.value;
            const slash = v.lastIndexOf("/") + 1;
            const dot = v.lastIndexOf(".");
            e.target.setSelectionRange(slash, dot > slash ? dot : v.length);
          }}
        />
      </label>
      <p
        id="name-dialog-problem"
        role={touched && problem ? "alert" : undefined}
        className="min-h-5 text-sm text-destructive"
      >
        {touched ? problem : null}
      </p>
      <DialogFooter>
        <Button variant="outline" onClick={onCancel} disabled={pending}>
          Cancel
        </Button>
        <Button type="submit" disabled={pending || (touched && Boolean(problem))}>
          {submitLabel}
        </Button>
      </DialogFooter>
    </form>
  );
}
