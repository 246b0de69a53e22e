"use client";
import { Badge } from "@/components/ui/badge";
import { ROLE_DESCRIPTIONS, type Role } from "@/lib/api/roles";
import { ChangePasswordForm } from "./change-password-form";
import { LoginsList } from "./logins-list";

/** Your own account: who you are, your password, your logins. */
export function AccountPage({ username, role, hasPassword }: { username: string; role: Role; hasPassword: boolean }) {
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Account</h1>
        <p className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
          Logged in as <strong className="text-foreground">{username}</strong> <Badge variant="outline">{role}</Badge>
          <span>
            — a {role} {ROLE_DESCRIPTIONS[role]}.
          </span>
        </p>
      </div>
      {hasPassword ? (
        <ChangePasswordForm />
      ) : (
        <p className="rounded-lg border border-border p-4 text-sm text-muted-foreground">
          You sign in with OpenID Connect: your password is managed there.
        </p>
      )}
      <LoginsList />
    </div>
  );
}
