import type { Metadata } from "next";
import { Forbidden } from "@/components/auth/forbidden";
import { AppShell } from "@/components/layout/app-shell";
import { QueryProvider } from "@/components/query/query-provider";
import { UsersPage } from "@/components/users/users-page";
import { pageUser } from "@/lib/server/auth/page";

export const metadata: Metadata = { title: "Users" };

export default async function UsersRoute() {
  const p = await pageUser("admin", "/users");
  return (
    <AppShell user={{ username: p.user.username, role: p.user.role }}>
      {p.allowed ? (
        <QueryProvider>
          <UsersPage me={p.user.username} />
        </QueryProvider>
      ) : (
        <Forbidden role={p.user.role} need={p.need} />
      )}
    </AppShell>
  );
}
