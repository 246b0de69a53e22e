"use client";
import * as React from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FieldMessage, Label } from "@/components/ui/label";
import { toastSuccess } from "@/components/ui/notify";
import { ApiError } from "@/lib/api/client";
import { newPassword as newPasswordSchema } from "@/lib/api/schemas/users";
import { useChangePassword } from "./use-account";

type Field = "current" | "next" | "again";

export function ChangePasswordForm() {
  const id = React.useId();
  const [values, setValues] = React.useState<Record<Field, string>>({ current: "", next: "", again: "" });
  const [errors, setErrors] = React.useState<Partial<Record<Field, string>>>({});
  const change = useChangePassword();

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    const errs: Partial<Record<Field, string>> = {};
    if (!values.current) errs.current = "Enter your current password";
    const parsed = newPasswordSchema.safeParse(values.next);
    if (!parsed.success) errs.next = parsed.error.issues[0]?.message;
    else if (values.again !== values.next) errs.again = "The two new passwords differ";
    setErrors(errs);
    if (Object.keys(errs).length) return;
    try {
      const r = await change.mutateAsync({ currentPassword: values.current, newPassword: values.next });
      setValues({ current: "", next: "", again: "" });
      toastSuccess(
        "Password changed",
        r.endedLogins ? `Your ${r.endedLogins} other login(s) ended; this browser stays logged in.` : undefined,
      );
    } catch (err) {
      const message = err instanceof ApiError ? err.message : "Could not change the password";
      setErrors(err instanceof ApiError && err.code === "wrong_password" ? { current: message } : { next: message });
    }
  }

  const field = (name: Field, label: string, autoComplete: string) => (
    <div className="space-y-1.5">
      <Label htmlFor={`${id}-${name}`}>{label}</Label>
      <Input
        id={`${id}-${name}`}
        type="password"
        autoComplete={autoComplete}
        value={values[name]}
        onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `${id}-${name}-error` : undefined}
      />
      <FieldMessage id={`${id}-${name}-error`} error>
        {errors[name]}
      </FieldMessage>
    </div>
  );

  return (
    <section aria-labelledby={`${id}-h`} className="space-y-3 rounded-lg border border-border p-4">
      <h2 id={`${id}-h`} className="font-semibold">
        Change password
      </h2>
      <form className="max-w-sm space-y-3" onSubmit={onSubmit} noValidate>
        {field("current", "Current password", "current-password")}
        {field("next", "New password", "new-password")}
        {field("again", "New password again", "new-password")}
        <p className="text-xs text-muted-foreground">
          At least 8 characters. Your other logins end; this browser stays logged in.
        </p>
        <Button type="submit" disabled={change.isPending}>
          {change.isPending ? "Changing…" : "Change password"}
        </Button>
      </form>
    </section>
  );
}
