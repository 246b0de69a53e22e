import { AppLink } from "@/components/ui/app-link";
import { buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-4 py-16">
      <EmptyState
        title="Page not found"
        description="There is nothing at this address."
        action={
          <AppLink href="/sessions" className={buttonVariants()}>
            Go to sessions
          </AppLink>
        }
      />
    </main>
  );
}
