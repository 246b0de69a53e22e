import type { Metadata } from "next";
import { AccountPage } from "@/components/account/account-page";
import { AppShell } from "@/components/layout/app-shell";
import { QueryProvider } from "@/components/query/query-provider";
import { pageUser } from "@/lib/server/auth/page";
import { getUser } from "@/lib/server/users/store";

export const metadata: Metadata = { title: "Account" };

export default async function AccountRoute() {
  const { user } = await pageUser("viewer", "/account");
  const hasPassword = (await getUser(user.userId))?.hasPassword ?? true;
  return (
    <AppShell user={{ username: user.username, role: user.role }}>
      <QueryProvider>
        <AccountPage username={user.username} role={user.role} hasPassword={hasPassword} />
      </QueryProvider>
    </AppShell>
  );
}
