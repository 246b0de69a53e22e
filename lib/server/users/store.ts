import "server-only";
// Users: who may log in and with which role. The first admin is created at start
// (lib/server/auth/credentials.ts); admins manage the rest from the Users page.
import type { Role } from "@/lib/api/roles";
import { dbDialect, getDb, type Db } from "../db/db";

export interface User {
  id: number;
  username: string;
  role: Role;
  disabled: boolean;
  /** Signs in with OpenID Connect (and has no password of its own). */
  oidc: boolean;
  hasPassword: boolean;
  createdAt: number;
  updatedAt: number;
}

interface Row {
  id: number;
  username: string;
  role: Role;
  disabled: number;
  oidc_subject: string | null;
  password_hash: string | null;
  created_at: number;
  updated_at: number;
}

const toUser = (r: Row): User => ({
  id: r.id,
  username: r.username,
  role: r.role,
  disabled: r.disabled !== 0,
  oidc: r.oidc_subject !== null,
  hasPassword: r.password_hash !== null,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Login names are compared without case. */
export const normaliseUsername = (name: string) => name.trim().toLowerCase();

export async function findUserForLogin(username: string): Promise<(User & { passwordHash: string | null }) | null> {
  const db = await getDb();
  const r = await db
    .selectFrom("users")
    .selectAll()
    .where("username", "=", normaliseUsername(username))
    .executeTakeFirst();
  return r ? { ...toUser(r), passwordHash: r.password_hash } : null;
}

export async function getUser(id: number, trx?: Db): Promise<User | null> {
  const db = trx ?? (await getDb());
  const r = await db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
  return r ? toUser(r) : null;
}

export async function listUsers(): Promise<User[]> {
  const db = await getDb();
  return (await db.selectFrom("users").selectAll().orderBy("username").execute()).map(toUser);
}

export async function userCount(): Promise<number> {
  const db = await getDb();
  const r = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** `trx`: run inside a caller's transaction. Throws the database's unique-constraint error when the name is taken (callers map it). */
export async function createUser(
  u: {
    username: string;
    role: Role;
    passwordHash: string | null;
    oidcSubject?: string | null;
  },
  trx?: Db,
): Promise<User> {
  const db = trx ?? (await getDb());
  const now = Date.now();
  const r = await db
    .insertInto("users")
    .values({
      username: normaliseUsername(u.username),
      role: u.role,
      password_hash: u.passwordHash,
      oidc_subject: u.oidcSubject ?? null,
      disabled: 0,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toUser(r);
}

export async function findUserByOidcSubject(subject: string): Promise<User | null> {
  const db = await getDb();
  const r = await db.selectFrom("users").selectAll().where("oidc_subject", "=", subject).executeTakeFirst();
  return r ? toUser(r) : null;
}

export async function updateUser(
  id: number,
  change: { role?: Role; disabled?: boolean; passwordHash?: string },
  trx?: Db,
): Promise<User | null> {
  const db = trx ?? (await getDb());
  const r = await db
    .updateTable("users")
    .set({
      ...(change.role !== undefined && { role: change.role }),
      ...(change.disabled !== undefined && { disabled: change.disabled ? 1 : 0 }),
      ...(change.passwordHash !== undefined && { password_hash: change.passwordHash }),
      updated_at: Date.now(),
    })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirst();
  return r ? toUser(r) : null;
}

/**
 * Admins who can still log in: the last one cannot be demoted or disabled. Inside a transaction
 * on PostgreSQL their rows are locked (FOR UPDATE, which an aggregate cannot take, hence the rows),
 * so two admins demoting each other at once cannot both see two admins.
 */
export async function activeAdminCount(trx?: Db): Promise<number> {
  const db = trx ?? (await getDb());
  let q = db.selectFrom("users").select("id").where("role", "=", "admin").where("disabled", "=", 0);
  if (trx && dbDialect() === "postgres") q = q.forUpdate();
  return (await q.execute()).length;
}

export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return (
    err?.code === "23505" || err?.code === "SQLITE_CONSTRAINT_UNIQUE" || /UNIQUE constraint/i.test(err?.message ?? "")
  );
}
