import { Badge } from "@/components/ui/badge";

export function StatusBadge({ status }: { status: string }) {
  const s = status.toUpperCase();
  const variant =
    s === "RUNNING" ? "success" : s === "FINISH" || s === "DELETED" || s === "DELETING" ? "destructive" : "warning";
  return <Badge variant={variant}>{status || "unknown"}</Badge>;
}
