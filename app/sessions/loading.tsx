import { SessionsTableSkeleton } from "@/components/sessions/sessions-table-skeleton";

export default function Loading() {
  return <SessionsTableSkeleton />;
}
