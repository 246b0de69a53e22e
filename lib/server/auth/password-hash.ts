import "server-only";
// Password hashes: scrypt (memory-hard: N=2^14, r=8 uses 16 MiB per hash), from Node's own crypto,
// stored as a JSON record that carries its parameters so they can be raised later.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { z } from "zod";

const scrypt = (pw: string, salt: Buffer, keyLen: number, opts: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCb(pw, salt, keyLen, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );

const recordSchema = z.object({
  algo: z.literal("scrypt"),
  N: z.number().int(),
  r: z.number().int(),
  p: z.number().int(),
  keyLen: z.number().int(),
  salt: z.string(),
  hash: z.string(),
});
export type PasswordRecord = z.infer<typeof recordSchema>;

const PARAMS = { N: 16_384, r: 8, p: 1, keyLen: 32 };
const MAXMEM = 64 * 1024 * 1024;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, PARAMS.keyLen, { N: PARAMS.N, r: PARAMS.r, p: PARAMS.p, maxmem: MAXMEM });
  const rec: PasswordRecord = {
    algo: "scrypt",
    ...PARAMS,
    salt: salt.toString("base64"),
    hash: key.toString("base64"),
  };
  return JSON.stringify(rec);
}

export function parsePasswordRecord(stored: string): PasswordRecord | null {
  try {
    const r = recordSchema.safeParse(JSON.parse(stored));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

/** Constant-time check of a password against a stored record (false for an unreadable record). */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const rec = stored ? parsePasswordRecord(stored) : null;
  // Without a record, still spend a hash so that a missing user takes as long as a wrong password.
  const r = rec ?? { ...PARAMS, salt: "AAAAAAAAAAAAAAAAAAAAAA==", hash: "" };
  const key = await scrypt(password, Buffer.from(r.salt, "base64"), r.keyLen, {
    N: r.N,
    r: r.r,
    p: r.p,
    maxmem: MAXMEM,
  });
  const want = Buffer.from(r.hash, "base64");
  return rec !== null && key.length === want.length && timingSafeEqual(key, want);
}
