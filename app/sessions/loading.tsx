import { SessionsTableSkeleton } from "@/components/sessions/sessions-table";

export default function Loading() {
  return <SessionsTableSkeleton />;
}
