import { SessionGone } from "@/components/sessions/session-gone";

export default function NotFound() {
  return <SessionGone />;
}
