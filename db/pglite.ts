// Embedded PostgreSQL (PGlite) for local development and tests. Never deployed:
// production configuration refuses it, and the build's file tracing leaves the
// package out of the Lambda artifact (next.config.ts, `npm run check:bundle`).
import { MIGRATIONS_FOLDER, type Database, type DatabaseHandle, type OpenOptions } from "./handle";
import * as schema from "./schema";

export async function openPglite(dataDir: string, opts: OpenOptions = {}): Promise<DatabaseHandle> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const client = new PGlite(dataDir === ":memory:" ? undefined : dataDir);
  const db = drizzle(client, { schema });
  if (opts.migrate) {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(db, { migrationsFolder: opts.migrationsFolder ?? MIGRATIONS_FOLDER });
  }
  return { db: db as unknown as Database, driver: "pglite", close: () => client.close() };
}
