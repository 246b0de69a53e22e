/**
 * Serves terminal frames (./frames.ts) on one stream socket of a session. Output of an attached
 * terminal is coalesced per event-loop turn, so a fast producer costs a few large frames rather
 * than thousands of small ones. Closing the socket detaches everything it attached (the terminals
 * keep running and can be attached again).
 */
import type { WebSocket } from "ws";
import type { RuntimeDeps } from "../http/context";
import { toolOnImage } from "../tools/registry";
import type { TerminalRequest } from "./frames";
import { TerminalError } from "./manager";

type Send = (invocationId: string, data: Record<string, unknown>) => void;

export function terminalSocket(ws: WebSocket, deps: RuntimeDeps, sessionId: string, send: Send) {
  const attached = new Map<string, () => void>();
  ws.on("close", () => {
    for (const detach of attached.values()) detach();
    attached.clear();
  });

  function attach(r: Extract<TerminalRequest, { method: "terminal.attach" }>) {
    let pending: string[] = [];
    let scheduled = false;
    const flush = () => {
      scheduled = false;
      if (pending.length) send(r.invocationId, { phase: "event", eventType: "output", chunk: pending.join("") });
      pending = [];
    };
    let live = true;
    const detach = deps.terminals.attach(sessionId, r.params.terminalId, (e) => {
      if (!live) return;
      if (e.type === "output") {
        pending.push(e.data);
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
        return;
      }
      flush();
      send(r.invocationId, {
        phase: "event",
        eventType: "exit",
        reason: e.reason,
        exitCode: e.exitCode,
        pauses: e.pauses,
      });
      send(r.invocationId, { phase: "end", status: "completed" });
      attached.delete(r.invocationId);
      live = false;
    });
    if (live) {
      attached.set(r.invocationId, () => {
        live = false;
        detach();
      });
    }
  }

  return async function handle(r: TerminalRequest): Promise<void> {
    const s = deps.sessions.findAny(sessionId);
    if (!s) return send(r.invocationId, { phase: "error", error: `Session ${sessionId} not found (released)` });
    // Offered only where the tool list offers `terminal` (not in strict mode).
    const tool = deps.tools.find((t) => t.name === "terminal");
    if (!tool || !toolOnImage(tool, s.imageId))
      return send(r.invocationId, { phase: "error", error: "this runtime offers no terminals" });
    const t = deps.terminals;
    try {
      switch (r.method) {
        case "terminal.list":
          return send(r.invocationId, {
            phase: "end",
            status: "completed",
            result: { terminals: t.list(sessionId), limits: t.limits },
          });
        case "terminal.open":
          return send(r.invocationId, { phase: "end", status: "completed", result: await t.open(s, r.params) });
        case "terminal.attach":
          return attach(r);
        case "terminal.detach":
          attached.get(r.invocationId)?.();
          attached.delete(r.invocationId);
          return send(r.invocationId, { phase: "end", status: "completed" });
        case "terminal.input":
          await t.input(s, r.params.terminalId, r.params.data);
          return send(r.invocationId, { phase: "end", status: "completed" });
        case "terminal.resize":
          await t.resize(s, r.params.terminalId, r.params);
          return send(r.invocationId, { phase: "end", status: "completed" });
        case "terminal.close":
          await t.close(s, r.params.terminalId);
          return send(r.invocationId, { phase: "end", status: "completed" });
      }
    } catch (e) {
      if (!(e instanceof TerminalError))
        deps.log.warn({ sessionId, method: r.method, err: (e as Error).message }, "terminal request failed");
      send(r.invocationId, {
        phase: "error",
        error: (e as Error).message,
        ...(e instanceof TerminalError ? { code: e.kind } : {}),
      });
    }
  };
}
