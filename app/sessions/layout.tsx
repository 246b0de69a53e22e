import { AppShell } from "@/components/layout/app-shell";

export default function SessionsLayout({ children }: { children: React.ReactNode }) {
  return <AppShell>{children}</AppShell>;
}
