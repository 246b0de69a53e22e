// "The backend cannot be reached right now": reported by any failed call, shown by BackendStatus,
// which probes until it answers and then tells every data layer to fetch again.
import { ApiError } from "./client";

type Listener = (down: boolean) => void;
const listeners = new Set<Listener>();
const recoveries = new Set<() => void>();

/** True for errors that mean "the backend (or the dashboard server) is unreachable right now". */
export const isOutage = (e: unknown) =>
  e instanceof ApiError && (e.status === 503 || e.status === 0 || e.code === "backend_unavailable");

export function reportOutage(error: unknown): void {
  if (isOutage(error)) for (const l of listeners) l(true);
}

export function subscribeOutage(l: Listener): () => void {
  listeners.add(l);
  return () => void listeners.delete(l);
}

/** Runs `l` each time the backend answers again after an outage (to refetch what is shown). */
export function onBackendRecovered(l: () => void): () => void {
  recoveries.add(l);
  return () => void recoveries.delete(l);
}

export function backendRecovered(): void {
  for (const l of recoveries) l();
}
