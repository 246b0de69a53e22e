// Validates the configuration when the Next server starts: a misconfiguration stops start-up
// with a message naming the variable, instead of failing on the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  await (await import("./lib/server/startup")).startup();
}
