import { ShieldAlert } from "lucide-react";
import type { Role } from "@/lib/api/roles";

/** What a page says to a user whose role is too low for it (the server decided). */
export function Forbidden({ role, need }: { role: Role; need: Role }) {
  return (
    <div role="alert" className="mx-auto mt-16 max-w-md rounded-lg border border-border p-6 text-center">
      <ShieldAlert className="mx-auto mb-3 size-8 text-muted-foreground" aria-hidden />
      <h1 className="text-lg font-semibold">Not available to your role</h1>
      <p className="mt-2 text-sm text-muted-foreground">
        Your role ({role}) cannot see this page: it needs {need}. Ask an admin if you need access.
      </p>
    </div>
  );
}
