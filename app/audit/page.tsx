import { Suspense } from "react";
import type { Metadata } from "next";
import { Forbidden } from "@/components/auth/forbidden";
import { AuditPage } from "@/components/audit/audit-page";
import { AppShell } from "@/components/layout/app-shell";
import { QueryProvider } from "@/components/query/query-provider";
import { pageUser } from "@/lib/server/auth/page";

export const metadata: Metadata = { title: "Audit log" };

// Admins only, decided here on the server (the API refuses others too).
export default async function Page() {
  const u = await pageUser("admin", "/audit");
  return (
    <AppShell user={{ username: u.user.username, role: u.user.role }}>
      {u.allowed ? (
        // useSearchParams (the filters live in the URL) needs a Suspense boundary.
        <Suspense>
          <QueryProvider>
            <AuditPage />
          </QueryProvider>
        </Suspense>
      ) : (
        <Forbidden role={u.user.role} need={u.need} />
      )}
    </AppShell>
  );
}
