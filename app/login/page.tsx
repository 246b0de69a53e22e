import type { Metadata } from "next";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { principalFromToken } from "@/lib/server/auth/login-sessions";
import { SESSION_COOKIE } from "@/lib/server/auth/session-token";
import { LoginForm } from "./login-form";
import { safeNextPath } from "./safe-next";

export const metadata: Metadata = { title: "Log in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  // Already logged in (checked in the database, not just the cookie's signature): go on.
  if (await principalFromToken((await cookies()).get(SESSION_COOKIE)?.value))
    redirect(safeNextPath(typeof next === "string" ? next : null));
  return (
    <main className="flex min-h-dvh items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-lg border border-border bg-card p-6 shadow-sm">
        <h1 className="text-lg font-semibold">AGB Dashboard</h1>
        <p className="mt-1 text-sm text-muted-foreground">Enter the dashboard password to continue.</p>
        <LoginForm next={typeof next === "string" ? next : null} />
      </div>
    </main>
  );
}
