// Types for postgres.mjs (plain JS so that scripts, vitest and Playwright can all import it).
export interface ThrowawayPostgres {
  /** postgres://postgres:<generated password>@127.0.0.1:<port>/<name> */
  url: string;
  port: number;
  /** The temp dir holding the cluster, its socket and its log; removed by stop(). */
  dir: string;
  /** Stops the server (pg_ctl stop -m fast) and removes its dir. */
  stop(): Promise<void>;
}

export function findPostgresBin(): string;
export function startThrowawayPostgres(opts?: { name?: string }): Promise<ThrowawayPostgres>;
