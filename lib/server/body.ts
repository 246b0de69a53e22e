import "server-only";
// Request bodies are read with a size limit that holds while they stream: a Content-Length over
// the limit is refused before reading, and a chunked (or lying) body is cancelled as soon as the
// bytes read pass it, so a huge upload never sits in the server's memory.
import { HttpError } from "./errors";

const mib = (n: number) => (n >= 1048576 ? `${+(n / 1048576).toFixed(1)} MiB` : `${Math.ceil(n / 1024)} KiB`);

export const tooLarge = (max: number, what = "The request body") =>
  new HttpError(
    413,
    "too_large",
    `${what} is larger than the ${mib(max)} this request accepts; nothing was read past that.`,
  );

export async function readBodyLimited(req: Request, max: number, what?: string): Promise<Uint8Array<ArrayBuffer>> {
  const declared = req.headers.get("content-length");
  if (declared !== null && Number(declared) > max) throw tooLarge(max, what);
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      reader.cancel().catch(() => {});
      throw tooLarge(max, what);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
