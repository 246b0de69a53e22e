import "server-only";
// Server log. Bearer tokens and key-like fields are redacted as a last line of defence; nothing
// logs configuration objects in the first place.
import pino from "pino";

export const log = pino({
  level: process.env.DASHBOARD_LOG_LEVEL || (process.env.NODE_ENV === "test" ? "silent" : "info"),
  base: { app: "agb-dashboard" },
  redact: {
    paths: [
      "apiKey",
      "*.apiKey",
      "authorization",
      "*.authorization",
      "headers.authorization",
      "token",
      "*.token",
      "password",
      "*.password",
    ],
    censor: "[redacted]",
  },
});
