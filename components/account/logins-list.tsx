"use client";
import { LogOut } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { toastError } from "@/components/ui/notify";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { TruncatedText } from "@/components/ui/truncated-text";
import { formatTimestamp } from "@/components/sessions/format";
import { useEndLogin, useMyLogins } from "./use-account";

/** The caller's open logins; any but this browser's can be ended. */
export function LoginsList() {
  const logins = useMyLogins();
  const end = useEndLogin();
  return (
    <section aria-labelledby="logins-h" className="space-y-3 rounded-lg border border-border p-4">
      <div>
        <h2 id="logins-h" className="font-semibold">
          Your logins
        </h2>
        <p className="text-sm text-muted-foreground">
          Browsers where you are logged in. End one you do not recognise, then change your password.
        </p>
      </div>
      {logins.isPending ? (
        <Skeleton className="h-24 w-full" />
      ) : logins.isError ? (
        <ErrorState title="Could not load your logins" error={logins.error} onRetry={() => void logins.refetch()} />
      ) : (
        <Table aria-label="Your logins">
          <TableHeader>
            <TableRow>
              <TableHead>Browser</TableHead>
              <TableHead>Address</TableHead>
              <TableHead>Logged in</TableHead>
              <TableHead>Last seen</TableHead>
              <TableHead className="text-right">
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {logins.data.logins.map((l) => (
              <TableRow key={l.id} data-current={l.current || undefined}>
                <TableCell className="max-w-80">
                  <div className="flex items-center gap-2">
                    <TruncatedText text={l.userAgent || "unknown"} className="min-w-0 text-xs" />
                    {l.current ? <Badge variant="success">This browser</Badge> : null}
                  </div>
                </TableCell>
                <TableCell className="font-mono text-xs">{l.ip}</TableCell>
                <TableCell className="whitespace-nowrap text-muted-foreground">
                  {formatTimestamp(l.createdAt)}
                </TableCell>
                <TableCell className="whitespace-nowrap text-muted-foreground">
                  {formatTimestamp(l.lastSeenAt)}
                </TableCell>
                <TableCell className="text-right">
                  {l.current ? null : (
                    <Button
                      size="sm"
                      variant="ghost"
                      disabled={end.isPending}
                      onClick={() => end.mutate(l.id, { onError: (e) => toastError("Could not end the login", e) })}
                    >
                      <LogOut aria-hidden /> End
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
