// Lambda invoked on every deploy (see sst.config.ts): applies pending migrations
// before the new site version serves traffic. Idempotent and serialized by an advisory lock.
// It links only the database, so it validates only the database settings.
// Imports db/postgres, not db/client, so the bundle never contains PGlite.
import { openPostgres } from "../db/postgres";
import { getDatabaseConfig } from "../lib/config";

export async function handler() {
  const database = getDatabaseConfig();
  // Production configuration never resolves to PGlite (lib/config refuses it).
  if (database.driver === "pglite") throw new Error("The Migrator needs a Postgres server (DATABASE_URL or the linked Database).");
  const handle = await openPostgres(database, { migrate: true });
  await handle.close();
  return { migrated: true, driver: handle.driver };
}
