import { AppShell } from "@/components/layout/app-shell";
import { pageUser } from "@/lib/server/auth/page";

export default async function SessionsLayout({ children }: { children: React.ReactNode }) {
  const { user } = await pageUser("viewer", "/sessions");
  return <AppShell user={{ username: user.username, role: user.role }}>{children}</AppShell>;
}
