"use client";
import * as React from "react";
import { KeyRound, UserCheck, UserX } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { NativeSelect } from "@/components/ui/native-select";
import { toastError, toastSuccess } from "@/components/ui/notify";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatTimestamp } from "@/components/sessions/format";
import { ROLES, type Role } from "@/lib/api/roles";
import type { UserRow } from "@/lib/api/schemas/users";
import { SecretOnce } from "./secret-once";
import { useResetPassword, useUpdateUser } from "./use-users";

type Pending = { kind: "disable" | "reset"; user: UserRow } | null;

export function UsersTable({ users, me }: { users: UserRow[]; me: string }) {
  const update = useUpdateUser();
  const reset = useResetPassword();
  const [pending, setPending] = React.useState<Pending>(null);
  const [newPassword, setNewPassword] = React.useState<{ username: string; password: string } | null>(null);

  const change = (u: UserRow, c: { role?: Role; disabled?: boolean }, done: string) =>
    update.mutate(
      { id: u.id, change: c },
      {
        onSuccess: (r) =>
          toastSuccess(done, r.endedLogins ? `Ended ${r.endedLogins} open login(s) of ${u.username}.` : undefined),
        onError: (e) => toastError(`Could not change ${u.username}`, e),
        onSettled: () => setPending(null),
      },
    );

  return (
    <>
      {newPassword ? (
        <SecretOnce label="New password" value={newPassword.password}>
          The new password of <strong>{newPassword.username}</strong>. Give it to them; they can change it on their
          Account page.
        </SecretOnce>
      ) : null}
      <div className="rounded-lg border border-border">
        <Table aria-label="Users">
          <TableHeader>
            <TableRow>
              <TableHead>User</TableHead>
              <TableHead>Role</TableHead>
              <TableHead>Status</TableHead>
              <TableHead>Created</TableHead>
              <TableHead className="text-right">Actions</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {users.map((u) => {
              const self = u.username === me;
              return (
                <TableRow key={u.id} data-testid={`user-row-${u.username}`}>
                  <TableCell className="font-medium">
                    {u.username}
                    {self ? (
                      <Badge variant="outline" className="ml-2">
                        you
                      </Badge>
                    ) : null}
                    {u.oidc ? (
                      <Badge variant="outline" className="ml-2" title="Signs in with OpenID Connect">
                        SSO
                      </Badge>
                    ) : null}
                  </TableCell>
                  <TableCell>
                    <NativeSelect
                      aria-label={`Role of ${u.username}`}
                      value={u.role}
                      disabled={self || update.isPending}
                      title={self ? "You cannot change your own role" : undefined}
                      onChange={(e) =>
                        change(u, { role: e.target.value as Role }, `${u.username} is now ${e.target.value}`)
                      }
                    >
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {r}
                        </option>
                      ))}
                    </NativeSelect>
                  </TableCell>
                  <TableCell>
                    {u.disabled ? (
                      <Badge variant="destructive">Disabled</Badge>
                    ) : (
                      <Badge variant="success">Active</Badge>
                    )}
                  </TableCell>
                  <TableCell className="whitespace-nowrap text-muted-foreground">
                    {formatTimestamp(u.createdAt)}
                  </TableCell>
                  <TableCell>
                    {self ? (
                      <p className="text-right text-xs text-muted-foreground">Manage yourself on the Account page</p>
                    ) : (
                      <div className="flex justify-end gap-1">
                        {u.oidc ? null : (
                          <Button size="sm" variant="ghost" onClick={() => setPending({ kind: "reset", user: u })}>
                            <KeyRound aria-hidden /> Reset password
                          </Button>
                        )}
                        {u.disabled ? (
                          <Button
                            size="sm"
                            variant="ghost"
                            disabled={update.isPending}
                            onClick={() => change(u, { disabled: false }, `${u.username} is enabled`)}
                          >
                            <UserCheck aria-hidden /> Enable
                          </Button>
                        ) : (
                          <Button size="sm" variant="ghost" onClick={() => setPending({ kind: "disable", user: u })}>
                            <UserX aria-hidden /> Disable
                          </Button>
                        )}
                      </div>
                    )}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </div>
      <ConfirmDialog
        open={pending?.kind === "disable"}
        onOpenChange={(o) => !o && setPending(null)}
        title={`Disable ${pending?.user.username}?`}
        description="They are logged out everywhere at once and cannot log in until an admin enables them again."
        confirmLabel="Disable"
        destructive
        pending={update.isPending}
        onConfirm={() => pending && change(pending.user, { disabled: true }, `${pending.user.username} is disabled`)}
      />
      <ConfirmDialog
        open={pending?.kind === "reset"}
        onOpenChange={(o) => !o && setPending(null)}
        title={`Reset the password of ${pending?.user.username}?`}
        description="Their password is replaced with a generated one, shown to you once, and they are logged out everywhere."
        confirmLabel="Reset password"
        destructive
        pending={reset.isPending}
        onConfirm={() => {
          if (!pending) return;
          const u = pending.user;
          reset.mutate(u.id, {
            onSuccess: (r) => setNewPassword({ username: r.username, password: r.password }),
            onError: (e) => toastError(`Could not reset the password of ${u.username}`, e),
            onSettled: () => setPending(null),
          });
        }}
      />
    </>
  );
}
