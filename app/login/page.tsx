import type { Metadata } from "next";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { buttonVariants } from "@/components/ui/button";
import { cn } from "@/lib/utils";
import { loginErrorMessage } from "@/lib/api/login-errors";
import { principalFromToken } from "@/lib/server/auth/login-sessions";
import { oidcLoginOption } from "@/lib/server/auth/oidc/login-option";
import { SESSION_COOKIE } from "@/lib/server/auth/session-token";
import { LoginForm } from "./login-form";
import { safeNextPath } from "./safe-next";

export const metadata: Metadata = { title: "Log in" };

type Search = { next?: string | string[]; error?: string | string[] };
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : null);

export default async function LoginPage({ searchParams }: { searchParams: Promise<Search> }) {
  const sp = await searchParams;
  const next = one(sp.next);
  // Already logged in (checked in the database, not just the cookie's signature): go on.
  if (await principalFromToken((await cookies()).get(SESSION_COOKIE)?.value)) redirect(safeNextPath(next));
  // Decided here, on the server: the browser learns only the button's name.
  const oidc = oidcLoginOption();
  const error = loginErrorMessage(one(sp.error));
  const oidcHref = `/api/auth/oidc/login?${new URLSearchParams({ next: safeNextPath(next) })}`;
  return (
    <main className="flex min-h-dvh items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-lg border border-border bg-card p-6 shadow-sm">
        <h1 className="text-lg font-semibold">AGB Dashboard</h1>
        <p className="mt-1 text-sm text-muted-foreground">Log in to continue.</p>
        {error && (
          <p role="alert" className="mt-4 rounded-md border border-destructive/40 px-3 py-2 text-sm text-destructive">
            {error}
          </p>
        )}
        {oidc && (
          <>
            {/* A plain link: the sign-in is a chain of full-page redirects through the provider. */}
            <a href={oidcHref} className={cn(buttonVariants({ variant: "outline" }), "mt-5 w-full")}>
              Sign in with {oidc.name}
            </a>
            <p className="mt-5 flex items-center gap-3 text-xs text-muted-foreground before:h-px before:flex-1 before:bg-border after:h-px after:flex-1 after:bg-border">
              or with a password
            </p>
          </>
        )}
        <LoginForm next={next} />
      </div>
    </main>
  );
}
