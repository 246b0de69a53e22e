import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { loggedInUser } from "@/lib/server/auth/page";
import { LoginForm } from "./login-form";
import { safeNextPath } from "./safe-next";

export const metadata: Metadata = { title: "Log in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  // Checked here, not in proxy.ts: only the database knows whether the cookie's login still holds.
  if (await loggedInUser()) redirect(safeNextPath(typeof next === "string" ? next : null));
  return (
    <main className="flex min-h-dvh items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-lg border border-border bg-card p-6 shadow-sm">
        <h1 className="text-lg font-semibold">AGB Dashboard</h1>
        <p className="mt-1 text-sm text-muted-foreground">Log in with your user name and password.</p>
        <LoginForm next={typeof next === "string" ? next : null} />
      </div>
    </main>
  );
}
