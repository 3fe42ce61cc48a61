// Opens the configured Postgres driver. Settings come in as a parameter, so db/
// imports nothing from lib/ (the process-wide handle lives in lib/database):
// embedded PGlite for local use, node-postgres for a server, Neon's serverless driver on request.
import type { DatabaseHandle, DatabaseSettings, OpenOptions } from "./handle";
import { openPostgres } from "./postgres";

export type { Database, DatabaseHandle, DatabaseSettings, PostgresSettings, Tx } from "./handle";
export { MIGRATIONS_FOLDER } from "./handle";

export async function openDatabase(settings: DatabaseSettings, opts: OpenOptions = {}): Promise<DatabaseHandle> {
  if (settings.driver === "pglite") {
    // Local only: deployed functions open Postgres through ./postgres and never load PGlite.
    const { openPglite } = await import("./pglite");
    return openPglite(settings.dataDir, opts);
  }
  return openPostgres(settings, opts);
}
