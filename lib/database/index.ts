import "server-only";
// The server process's one database handle, opened on first use from lib/config.
// Kept on globalThis so dev hot reloads (and Next's separate server bundles) share it:
// PGlite's data dir can only be opened once.
import { openDatabase, type Database, type DatabaseHandle } from "@/db/client";
import { getConfig } from "@/lib/config";

const g = globalThis as unknown as { __apexDb?: Promise<DatabaseHandle> };

export function getDatabaseHandle(): Promise<DatabaseHandle> {
  if (!g.__apexDb) {
    const config = getConfig();
    // Locally the database migrates itself on open; deployed databases are migrated by the Migrator function.
    g.__apexDb = openDatabase(config.database, { migrate: !config.isProduction });
    g.__apexDb.catch(() => {
      g.__apexDb = undefined; // let the next request try again (e.g. the database came back)
    });
  }
  return g.__apexDb;
}

export async function getDb(): Promise<Database> {
  return (await getDatabaseHandle()).db;
}
