// Idle release (docs/protocol.md, "Idle release"): a session's `timeout` in seconds. The embedded
// runtime's defaults; its env may narrow them, and GET /local/images reports the limits in force.
export const IDLE_TIMEOUT_S = { min: 10, max: 86_400, default: 300 } as const;
