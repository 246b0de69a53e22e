"use client";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { InviteForm } from "./invite-form";
import { PendingInvites } from "./pending-invites";
import { UsersTable } from "./users-table";
import { useUsers } from "./use-users";

/** The Users page (admins only; the server checked): invite (and revoke invites), change roles, reset, disable. */
export function UsersPage({ me }: { me: string }) {
  const users = useUsers();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Users</h1>
        <p className="text-sm text-muted-foreground">
          Who may use this dashboard: viewers look, operators also change sessions and run code, admins also manage
          users.
        </p>
      </div>
      <InviteForm />
      <PendingInvites />
      {users.isPending ? (
        <Skeleton className="h-40 w-full" />
      ) : users.isError ? (
        <ErrorState title="Could not load the users" error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <UsersTable users={users.data.users} me={me} />
      )}
    </div>
  );
}
