// Keystrokes to the dashboard relay, in order: one POST in flight at a time, and whatever is typed
// meanwhile goes in the next one (so a paste or key repeat costs a few requests, not hundreds).
export class InputQueue {
  private buf = "";
  private inFlight = false;

  constructor(
    private readonly url: string,
    private readonly onError: (message: string) => void,
  ) {}

  push(data: string): void {
    this.buf += data;
    if (!this.inFlight) void this.flush();
  }

  private async flush(): Promise<void> {
    while (this.buf) {
      const data = this.buf;
      this.buf = "";
      this.inFlight = true;
      try {
        const res = await fetch(this.url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ data }),
        });
        if (!res.ok) {
          const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
          this.onError(body?.error?.message ?? `input refused (HTTP ${res.status})`);
        }
      } catch (e) {
        this.onError(`cannot reach the dashboard server: ${(e as Error).message}`);
      } finally {
        this.inFlight = false;
      }
    }
  }
}
