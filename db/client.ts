// Picks the Postgres driver from configuration: embedded PGlite by default,
// node-postgres when DATABASE_URL is set, Neon's serverless driver on request.
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { Config } from "@/lib/config";
import { getConfig } from "@/lib/config";
import * as schema from "./schema";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

export interface DatabaseHandle {
  db: Database;
  driver: Config["database"]["driver"];
  close(): Promise<void>;
}

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

// A fixed key so concurrent migrators (two dev servers, a deploy step) take turns.
const MIGRATION_LOCK_KEY = 727_340_001;

export async function openDatabase(dbConfig: Config["database"], opts: { migrate?: boolean } = {}): Promise<DatabaseHandle> {
  if (dbConfig.driver === "pglite") {
    const { PGlite } = await import("@electric-sql/pglite");
    const { drizzle } = await import("drizzle-orm/pglite");
    const client = new PGlite(dbConfig.dataDir === ":memory:" ? undefined : dbConfig.dataDir);
    const db = drizzle(client, { schema });
    if (opts.migrate) {
      const { migrate } = await import("drizzle-orm/pglite/migrator");
      await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    }
    return { db: db as unknown as Database, driver: "pglite", close: () => client.close() };
  }

  if (dbConfig.driver === "neon") {
    const { Pool, neonConfig } = await import("@neondatabase/serverless");
    const { drizzle } = await import("drizzle-orm/neon-serverless");
    const { default: ws } = await import("ws");
    neonConfig.webSocketConstructor = ws;
    // Lets tests (and a self-hosted proxy) reach a plain Postgres through a WebSocket proxy.
    if (process.env.NEON_WS_PROXY) {
      neonConfig.wsProxy = (host, port) => `${process.env.NEON_WS_PROXY}?address=${host}:${port}`;
      neonConfig.useSecureWebSocket = false;
      neonConfig.pipelineTLS = false;
      neonConfig.pipelineConnect = false;
    }
    const pool = new Pool({ connectionString: dbConfig.url, max: Number(process.env.DATABASE_POOL_MAX ?? 5) });
    pool.on("error", onIdleClientError);
    const db = drizzle(pool, { schema });
    if (opts.migrate) {
      const { migrate } = await import("drizzle-orm/neon-serverless/migrator");
      await withMigrationLock(pool, () => migrate(db, { migrationsFolder: MIGRATIONS_FOLDER }));
    }
    return { db: db as unknown as Database, driver: "neon", close: () => pool.end() };
  }

  const { Pool } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const pool = new Pool({ connectionString: dbConfig.url, max: Number(process.env.DATABASE_POOL_MAX ?? 5) });
  pool.on("error", onIdleClientError);
  const db = drizzle(pool, { schema });
  if (opts.migrate) {
    const { migrate } = await import("drizzle-orm/node-postgres/migrator");
    await withMigrationLock(pool, () => migrate(db, { migrationsFolder: MIGRATIONS_FOLDER }));
  }
  return { db: db as unknown as Database, driver: "pg", close: () => pool.end() };
}

// An idle pooled connection dropped by the server (restart, failover) must not
// crash the process: the pool replaces it on the next query.
function onIdleClientError(err: Error) {
  console.warn("[apexshare] database connection lost:", err.message);
}

interface LockablePool {
  connect(): Promise<{ query(sql: string, params?: unknown[]): Promise<unknown>; release(): void }>;
}

async function withMigrationLock(pool: LockablePool, fn: () => Promise<void>) {
  const conn = await pool.connect();
  try {
    await conn.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await fn();
  } finally {
    await conn.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
    conn.release();
  }
}

// One handle per server process; kept on globalThis so dev hot reloads reuse it
// (PGlite's data dir can only be opened once).
const g = globalThis as unknown as { __apexDb?: Promise<DatabaseHandle> };

export function getDatabaseHandle(): Promise<DatabaseHandle> {
  if (!g.__apexDb) {
    const config = getConfig();
    g.__apexDb = openDatabase(config.database, { migrate: !config.isProduction }).then(async (h) => {
      if (!config.isProduction) {
        const { ensureDemoTrainer } = await import("@/lib/auth/demo-trainer");
        await ensureDemoTrainer(h.db);
      }
      return h;
    });
    g.__apexDb.catch(() => {
      g.__apexDb = undefined; // let the next request try again (e.g. the database came back)
    });
  }
  return g.__apexDb;
}

export async function getDb(): Promise<Database> {
  return (await getDatabaseHandle()).db;
}
