// What an open database looks like, whichever driver opened it.
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type * as schema from "./schema";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

// connectTimeoutSeconds: give up on a new connection after this long (unset: wait as long as the OS does).
export type PostgresSettings =
  | { driver: "pg"; url: string; poolMax: number; connectTimeoutSeconds?: number }
  // wsProxy: a WebSocket proxy in front of a plain Postgres (tests, a self-hosted proxy).
  | { driver: "neon"; url: string; poolMax: number; connectTimeoutSeconds?: number; wsProxy?: string };
export type DatabaseSettings = { driver: "pglite"; dataDir: string } | PostgresSettings;

export interface DatabaseHandle {
  db: Database;
  driver: DatabaseSettings["driver"];
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Apply pending migrations on open (local dev, tests, the deploy's Migrator). */
  migrate?: boolean;
  /** Another folder of migrations (a migration test stops at an earlier one). */
  migrationsFolder?: string;
}

// turbopackIgnore: the tracer must not ship the migrations in the server function (the proxy imports the database):
// deployed databases are migrated by the Migrator function, which carries its own copy (sst.config.ts copyFiles).
export const MIGRATIONS_FOLDER = path.join(/* turbopackIgnore: true */ process.cwd(), "db", "migrations");
