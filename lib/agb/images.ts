import "server-only";
// The embedded runtime's image catalogue (`GET /local/images`, a non-AGB extension).
import { expectOk } from "./envelope";
import { AgbError } from "./errors";
import type { Transport } from "./transport";
import { localImagesDataSchema } from "./wire-schemas";

export async function listLocalImages(t: Transport) {
  const res = await t.request({ method: "GET", path: "/local/images", idempotent: true });
  const ok = expectOk(res, "Failed to list images");
  const parsed = localImagesDataSchema.safeParse(ok.data);
  if (!parsed.success)
    throw new AgbError("protocol", "GET /local/images returned an unexpected shape", { requestId: ok.requestId });
  return { ...parsed.data, requestId: ok.requestId };
}
