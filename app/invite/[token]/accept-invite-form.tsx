"use client";
import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FieldMessage, Label } from "@/components/ui/label";
import { ApiError, callApi } from "@/lib/api/client";
import { endpoints } from "@/lib/api/endpoint-paths";
import { newPassword } from "@/lib/api/schemas/users";

export function AcceptInviteForm({ token, username }: { token: string; username: string }) {
  const id = useId();
  const [password, setPassword] = useState("");
  const [again, setAgain] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const parsed = newPassword.safeParse(password);
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? "Choose a password");
    if (again !== password) return setError("The two passwords differ");
    setPending(true);
    setError(null);
    try {
      await callApi(endpoints.acceptInvite, { body: { token, password } });
      // A full navigation so every server component renders with the new cookie.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination
      window.location.assign("/sessions");
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Could not accept the invite");
      setPending(false);
    }
  }

  return (
    <form className="mt-5 space-y-4" onSubmit={onSubmit} noValidate>
      {/* For password managers: the account the new password belongs to. */}
      <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
      <div className="space-y-2">
        <Label htmlFor={`${id}-password`}>Password</Label>
        <Input
          id={`${id}-password`}
          type="password"
          autoComplete="new-password"
          autoFocus
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-msg`}
        />
      </div>
      <div className="space-y-2">
        <Label htmlFor={`${id}-again`}>Password again</Label>
        <Input
          id={`${id}-again`}
          type="password"
          autoComplete="new-password"
          value={again}
          onChange={(e) => setAgain(e.target.value)}
        />
        <FieldMessage id={`${id}-msg`} error={!!error}>
          {error ?? "At least 8 characters."}
        </FieldMessage>
      </div>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Creating your account…" : "Create account and log in"}
      </Button>
    </form>
  );
}
