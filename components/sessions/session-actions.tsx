"use client";
import * as React from "react";
import { useRouter } from "next/navigation";
import { HeartPulse, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { LazyConfirmDialog } from "@/components/ui/lazy-confirm-dialog";
import { toastError, toastSuccess } from "@/components/ui/notify";
import { formatDateTime } from "./format";
import { useDeleteSession } from "./use-delete-session";
import { useKeepAlive } from "./use-keep-alive";

export function SessionActions({ sessionId }: { sessionId: string }) {
  const router = useRouter();
  const keepAlive = useKeepAlive(sessionId);
  const del = useDeleteSession();
  const [confirm, setConfirm] = React.useState(false);
  return (
    <div className="flex flex-wrap gap-2">
      <Button
        variant="outline"
        disabled={keepAlive.isPending}
        onClick={() =>
          keepAlive.mutate(undefined, {
            onSuccess: (r) =>
              toastSuccess(
                "Idle timer reset",
                r.idleReleaseAt ? `Released if idle at ${formatDateTime(r.idleReleaseAt)}` : undefined,
              ),
            onError: (e) => toastError("Keep alive failed", e),
          })
        }
      >
        <HeartPulse aria-hidden /> {keepAlive.isPending ? "Keeping alive…" : "Keep alive"}
      </Button>
      <Button variant="destructive" onClick={() => setConfirm(true)}>
        <Trash2 aria-hidden /> Delete
      </Button>
      <LazyConfirmDialog
        open={confirm}
        onOpenChange={setConfirm}
        title="Delete this session?"
        description={`Session ${sessionId} and everything in its sandbox will be released. This cannot be undone.`}
        confirmLabel={del.isPending ? "Deleting…" : "Delete session"}
        destructive
        pending={del.isPending}
        onConfirm={() =>
          del.mutate(sessionId, {
            onSuccess: () => {
              setConfirm(false);
              toastSuccess("Session deleted", sessionId);
              router.push("/sessions");
            },
            onError: (e) => {
              setConfirm(false);
              toastError("Could not delete the session", e);
            },
          })
        }
      />
    </div>
  );
}
