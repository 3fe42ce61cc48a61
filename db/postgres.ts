// A Postgres server through node-postgres, or Neon's serverless driver (Postgres
// over a WebSocket). What deployed code uses; imports nothing local-only.
import { MIGRATIONS_FOLDER, type Database, type DatabaseHandle, type OpenOptions, type PostgresSettings } from "./handle";
import * as schema from "./schema";

// A fixed key so concurrent migrators (two dev servers, a deploy step) take turns.
const MIGRATION_LOCK_KEY = 727_340_001;

export async function openPostgres(settings: PostgresSettings, opts: OpenOptions = {}): Promise<DatabaseHandle> {
  // A paused Aurora holds a new connection until it has resumed (~15 s). The site gives up
  // sooner and shows its "waking up" page (lib/health/waking) instead of a blank wait.
  const poolOptions = {
    connectionString: settings.url,
    max: settings.poolMax,
    connectionTimeoutMillis: (settings.connectTimeoutSeconds ?? 0) * 1000,
  };
  if (settings.driver === "neon") {
    const { Pool, neonConfig } = await import("@neondatabase/serverless");
    const { drizzle } = await import("drizzle-orm/neon-serverless");
    const { default: ws } = await import("ws");
    neonConfig.webSocketConstructor = ws;
    // Lets tests (and a self-hosted proxy) reach a plain Postgres through a WebSocket proxy.
    const { wsProxy } = settings;
    if (wsProxy) {
      neonConfig.wsProxy = (host, port) => `${wsProxy}?address=${host}:${port}`;
      neonConfig.useSecureWebSocket = false;
      neonConfig.pipelineTLS = false;
      neonConfig.pipelineConnect = false;
    }
    const pool = new Pool(poolOptions);
    pool.on("error", onIdleClientError);
    const db = drizzle(pool, { schema });
    if (opts.migrate) {
      const { migrate } = await import("drizzle-orm/neon-serverless/migrator");
      await withMigrationLock(pool, () => migrate(db, { migrationsFolder: opts.migrationsFolder ?? MIGRATIONS_FOLDER }));
    }
    return { db: db as unknown as Database, driver: "neon", close: () => pool.end() };
  }

  const { Pool } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const pool = new Pool(poolOptions);
  pool.on("error", onIdleClientError);
  const db = drizzle(pool, { schema });
  if (opts.migrate) {
    const { migrate } = await import("drizzle-orm/node-postgres/migrator");
    await withMigrationLock(pool, () => migrate(db, { migrationsFolder: opts.migrationsFolder ?? MIGRATIONS_FOLDER }));
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
