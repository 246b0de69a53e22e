import { AppLink } from "@/components/ui/app-link";
import { SearchX } from "lucide-react";
import { buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export function SessionGone({ id }: { id?: string }) {
  return (
    <EmptyState
      icon={<SearchX />}
      title="Session not found or released"
      description={
        <>
          {id ? (
            <>
              No active session has the id <code className="font-mono break-all">{id}</code>.{" "}
            </>
          ) : null}
          It may have been deleted, or released after being idle too long.
        </>
      }
      action={
        <AppLink href="/sessions" className={buttonVariants()}>
          Back to sessions
        </AppLink>
      }
    />
  );
}
