// The dashboard's tables, as Kysely sees them. Times are integer milliseconds since the epoch
// (bigint in PostgreSQL, read back as numbers), flags are 0/1 integers: one representation that
// both SQLite and PostgreSQL store, compare and index the same way.
import type { Generated } from "kysely";
import type { Role } from "@/lib/api/roles";

export interface UsersTable {
  id: Generated<number>;
  /** Lower-case login name; for OIDC users the issuer's preferred_username or email. */
  username: string;
  /** JSON of a scrypt record (lib/server/auth/password-hash.ts); null for OIDC-only users. */
  password_hash: string | null;
  role: Role;
  disabled: number;
  /** `issuer sub` for users who sign in with OpenID Connect. */
  oidc_subject: string | null;
  created_at: number;
  updated_at: number;
}

export interface LoginSessionsTable {
  /** SHA-256 (hex) of the cookie token: a copy of the table logs nobody in. */
  id: string;
  user_id: number;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  ip: string;
  user_agent: string;
  revoked_at: number | null;
}

export interface InvitesTable {
  /** SHA-256 (hex) of the one-time token in the invite link. */
  id: string;
  username: string;
  role: Role;
  created_by: number;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface LoginFailuresTable {
  id: Generated<number>;
  /** The client's address, or `user:<name>` for the per-account count. */
  key: string;
  at: number;
}

export interface AuditTable {
  id: Generated<number>;
  at: number;
  user_id: number | null;
  username: string;
  ip: string;
  session_id: string | null;
  action: string;
  /** JSON: what was done (code text, command, path and size; never file content). */
  detail: string;
  /** `ok`, or the error code. */
  result: string;
  status: number;
  request_id: string | null;
}

export interface Database {
  users: UsersTable;
  login_sessions: LoginSessionsTable;
  invites: InvitesTable;
  login_failures: LoginFailuresTable;
  audit_log: AuditTable;
}
