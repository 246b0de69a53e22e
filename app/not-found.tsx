import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-4 py-16">
      <EmptyState
        title="Page not found"
        description="There is nothing at this address."
        action={
          <Link href="/sessions" className={buttonVariants()}>
            Go to sessions
          </Link>
        }
      />
    </main>
  );
}
