import "server-only";
// The schema, as an ordered list of migrations. Kysely's Migrator runs the missing ones at start
// (under a lock, so several instances starting together on one PostgreSQL migrate once) and
// records them in `kysely_migration`. Never edit a migration that has shipped: add the next one.
import { sql, type Kysely, type Migration } from "kysely";

export type Dialect = "sqlite" | "postgres";

export function migrations(dialect: Dialect): Record<string, Migration> {
  const pg = dialect === "postgres";
  // An auto-increment key: SQLite's rowid alias, PostgreSQL's identity column.
  const serial = pg ? "bigint" : "integer";
  const ms = pg ? "bigint" : "integer";
  return {
    "0001_users_logins_audit": {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable("users")
          .addColumn("id", serial, (c) =>
            pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
          )
          .addColumn("username", "text", (c) => c.notNull().unique())
          .addColumn("password_hash", "text")
          .addColumn("role", "text", (c) => c.notNull())
          .addColumn("disabled", "integer", (c) => c.notNull().defaultTo(0))
          .addColumn("oidc_subject", "text", (c) => c.unique())
          .addColumn("created_at", ms, (c) => c.notNull())
          .addColumn("updated_at", ms, (c) => c.notNull())
          .execute();

        await db.schema
          .createTable("login_sessions")
          .addColumn("id", "text", (c) => c.primaryKey())
          .addColumn("user_id", serial, (c) => c.notNull().references("users.id").onDelete("cascade"))
          .addColumn("created_at", ms, (c) => c.notNull())
          .addColumn("last_seen_at", ms, (c) => c.notNull())
          .addColumn("expires_at", ms, (c) => c.notNull())
          .addColumn("ip", "text", (c) => c.notNull())
          .addColumn("user_agent", "text", (c) => c.notNull())
          .addColumn("revoked_at", ms)
          .execute();
        await db.schema.createIndex("login_sessions_user").on("login_sessions").columns(["user_id"]).execute();

        await db.schema
          .createTable("invites")
          .addColumn("id", "text", (c) => c.primaryKey())
          .addColumn("username", "text", (c) => c.notNull())
          .addColumn("role", "text", (c) => c.notNull())
          .addColumn("created_by", serial, (c) => c.notNull())
          .addColumn("created_at", ms, (c) => c.notNull())
          .addColumn("expires_at", ms, (c) => c.notNull())
          .addColumn("used_at", ms)
          .execute();

        await db.schema
          .createTable("login_failures")
          .addColumn("id", serial, (c) =>
            pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
          )
          .addColumn("key", "text", (c) => c.notNull())
          .addColumn("at", ms, (c) => c.notNull())
          .execute();
        await db.schema.createIndex("login_failures_key_at").on("login_failures").columns(["key", "at"]).execute();

        await db.schema
          .createTable("audit_log")
          .addColumn("id", serial, (c) =>
            pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
          )
          .addColumn("at", ms, (c) => c.notNull())
          .addColumn("user_id", serial)
          .addColumn("username", "text", (c) => c.notNull())
          .addColumn("ip", "text", (c) => c.notNull())
          .addColumn("session_id", "text")
          .addColumn("action", "text", (c) => c.notNull())
          .addColumn("detail", "text", (c) => c.notNull())
          .addColumn("result", "text", (c) => c.notNull())
          .addColumn("status", "integer", (c) => c.notNull())
          .addColumn("request_id", "text")
          .execute();
        // The Audit page pages newest first (by id) under any mix of user / session / action
        // filters. The user filter is by name: a failed login of an unknown name has no user id.
        await db.schema.createIndex("audit_username").on("audit_log").columns(["username", "id"]).execute();
        await db.schema
          .createIndex("audit_username_session")
          .on("audit_log")
          .columns(["username", "session_id", "id"])
          .execute();
        await db.schema.createIndex("audit_session").on("audit_log").columns(["session_id", "id"]).execute();
        await db.schema.createIndex("audit_action").on("audit_log").columns(["action", "id"]).execute();
        await db.schema.createIndex("audit_at").on("audit_log").columns(["at"]).execute();

        // Entries cannot be edited: the database refuses UPDATE outright. DELETE stays possible
        // for the retention sweep (lib/server/audit/retention.ts), the only code that deletes.
        if (pg) {
          await sql`CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'audit entries are append-only'; END $$`.execute(db);
          await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
            FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`.execute(db);
        } else {
          await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END`.execute(db);
        }
      },
    },
    // The Audit page filters by user name (a failed login of an unknown name has no user id), so
    // the read side indexes username; the user_id indexes of 0001 served no query and cost every
    // write, so they go. (username, session_id, id) answers "this user in this session, newest
    // first" from the index alone, without sorting.
  };
}
