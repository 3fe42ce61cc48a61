// Opens the configured Postgres driver. Settings come in as a parameter, so db/
// imports nothing from lib/ (the process-wide handle lives in lib/database):
// embedded PGlite for local use, node-postgres for a server, Neon's serverless driver on request.
import type { DatabaseHandle, DatabaseSettings, OpenOptions } from "./handle";
import { openPostgres } from "./postgres";

export type { Database, DatabaseHandle, DatabaseSettings, PostgresSettings, Tx } from "./handle";
export { MIGRATIONS_FOLDER } from "./handle";

export async function openDatabase(settings: DatabaseSettings, opts: OpenOptions = {}): Promise<DatabaseHandle> {
  if (settings.driver === "pglite") {
    // Local only. A deploy build defines APEX_DEPLOY_BUILD (next.config.ts), so the bundler
    // drops this import and PGlite never reaches the Lambda; the Migrator imports ./postgres.
    if (process.env.APEX_DEPLOY_BUILD !== "1") return (await import("./pglite")).openPglite(settings.dataDir, opts);
    throw new Error("PGlite is for local use and is not part of a deploy build: set DATABASE_URL.");
  }
  return openPostgres(settings, opts);
}
