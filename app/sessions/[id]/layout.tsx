import { QueryProvider } from "@/components/query/query-provider";

// A session's page runs on react-query; the list above it (app/sessions/page.tsx) loads without it.
export default function SessionLayout({ children }: { children: React.ReactNode }) {
  return <QueryProvider>{children}</QueryProvider>;
}
