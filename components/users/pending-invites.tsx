"use client";
import * as React from "react";
import { Ban } from "lucide-react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ErrorState } from "@/components/ui/error-state";
import { toastError, toastSuccess } from "@/components/ui/notify";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatTimestamp } from "@/components/sessions/format";
import type { PendingInvite } from "@/lib/api/schemas/users";
import { usePendingInvites, useRevokeInvite } from "./use-users";

/**
 * The invite links not used yet: a link sent to the wrong person, or seen by someone else, is
 * revoked here instead of staying good for its 7 days. Nothing shows while there are none.
 */
export function PendingInvites() {
  const invites = usePendingInvites();
  const revoke = useRevokeInvite();
  const [asking, setAsking] = React.useState<PendingInvite | null>(null);

  if (invites.isError)
    return (
      <ErrorState
        title="Could not load the pending invites"
        error={invites.error}
        onRetry={() => void invites.refetch()}
      />
    );
  if (!invites.data?.invites.length) return null;
  return (
    <section aria-labelledby="pending-invites-h" className="space-y-3">
      <h2 id="pending-invites-h" className="font-semibold">
        Pending invites
      </h2>
      <div className="rounded-lg border border-border">
        <Table aria-label="Pending invites">
          <TableHeader>
            <TableRow>
              <TableHead>User</TableHead>
              <TableHead>Role</TableHead>
              <TableHead>Invited by</TableHead>
              <TableHead>Link works until</TableHead>
              <TableHead className="text-right">Actions</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {invites.data.invites.map((i) => (
              <TableRow key={i.id} data-testid={`invite-row-${i.username}`}>
                <TableCell className="font-medium">{i.username}</TableCell>
                <TableCell>{i.role}</TableCell>
                <TableCell className="text-muted-foreground">{i.invitedBy ?? "—"}</TableCell>
                <TableCell className="whitespace-nowrap text-muted-foreground">
                  {formatTimestamp(i.expiresAt)}
                </TableCell>
                <TableCell className="text-right">
                  <Button size="sm" variant="ghost" onClick={() => setAsking(i)}>
                    <Ban aria-hidden /> Revoke
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <ConfirmDialog
        open={asking !== null}
        onOpenChange={(o) => !o && setAsking(null)}
        title={`Revoke the invite for ${asking?.username}?`}
        description="Its link stops working at once. You can invite them again with a new link."
        confirmLabel="Revoke"
        destructive
        pending={revoke.isPending}
        onConfirm={() => {
          if (!asking) return;
          const i = asking;
          revoke.mutate(i.id, {
            onSuccess: () => toastSuccess(`The invite for ${i.username} is revoked`, "Its link no longer works."),
            onError: (e) => toastError(`Could not revoke the invite for ${i.username}`, e),
            onSettled: () => setAsking(null),
          });
        }}
      />
    </section>
  );
}
