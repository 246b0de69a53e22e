"use client";
import * as React from "react";
import { UserPlus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FieldMessage, Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { ApiError } from "@/lib/api/client";
import { ROLE_DESCRIPTIONS, ROLES, type Role } from "@/lib/api/roles";
import { username as usernameSchema } from "@/lib/api/schemas/users";
import { formatTimestamp } from "@/components/sessions/format";
import { SecretOnce } from "./secret-once";
import { useInviteUser, useRevokedInvites } from "./use-users";

/** Invites a user: a name and a role give a one-time link, shown here once. */
export function InviteForm() {
  const id = React.useId();
  const [name, setName] = React.useState("");
  const [role, setRole] = React.useState<Role>("viewer");
  const [error, setError] = React.useState<string | null>(null);
  const invite = useInviteUser();
  const [link, setLink] = React.useState<{
    url: string;
    username: string;
    role: Role;
    expiresAt: number;
    shownAt: number;
  } | null>(null);
  // Revoked from the list below since it was shown: the link no longer works, so it goes.
  const revoked = useRevokedInvites().some((r) => link && r.username === link.username && r.at >= link.shownAt);

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    const parsed = usernameSchema.safeParse(name);
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? "Invalid user name");
    setError(null);
    setLink(null);
    try {
      const r = await invite.mutateAsync({ username: parsed.data, role });
      setLink({
        url: `${window.location.origin}${r.path}`,
        username: r.username,
        role: r.role,
        expiresAt: r.expiresAt,
        shownAt: Date.now(),
      });
      setName("");
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Could not create the invite");
    }
  }

  return (
    <section aria-labelledby={`${id}-h`} className="space-y-3 rounded-lg border border-border p-4">
      <h2 id={`${id}-h`} className="font-semibold">
        Invite a user
      </h2>
      <form className="flex flex-wrap items-end gap-3" onSubmit={onSubmit} noValidate>
        <div className="flex min-w-48 flex-1 flex-col gap-1.5">
          <Label htmlFor={`${id}-name`}>User name</Label>
          <Input
            id={`${id}-name`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            placeholder="e.g. jane.doe"
            aria-invalid={error ? true : undefined}
            aria-describedby={`${id}-hint`}
          />
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor={`${id}-role`}>Role</Label>
          <NativeSelect id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </NativeSelect>
        </div>
        <Button type="submit" disabled={invite.isPending}>
          <UserPlus aria-hidden /> {invite.isPending ? "Creating…" : "Create invite link"}
        </Button>
      </form>
      <FieldMessage id={`${id}-hint`} error={!!error}>
        {error ?? `A ${role} ${ROLE_DESCRIPTIONS[role]}. The link works once, for 7 days.`}
      </FieldMessage>
      {link && revoked ? (
        <p role="status" className="text-sm text-muted-foreground">
          The invite for <strong>{link.username}</strong> is revoked: the link shown here no longer works.
        </p>
      ) : link ? (
        <SecretOnce label="Invite link" value={link.url}>
          Send this link to <strong>{link.username}</strong> ({link.role}). It works once, until{" "}
          {formatTimestamp(link.expiresAt)}.
        </SecretOnce>
      ) : null}
    </section>
  );
}
