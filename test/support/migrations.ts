// Migration tests: a database migrated only up to a migration, filled with the data
// of that day's schema, then migrated the rest of the way as a deploy would.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { MIGRATIONS_FOLDER } from "@/db/handle";
import type { TestDatabase } from "./db";

/** A folder with the migrations numbered below `first` (e.g. 8: 0000–0007), for openTestDatabase({ migrationsFolder }). */
export function migrationsBefore(first: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), "apex-migrations-"));
  const before = (name: string) => !/^\d{4}_/.test(name) || Number(name.slice(0, 4)) < first;
  cpSync(MIGRATIONS_FOLDER, dir, { recursive: true, filter: (src) => before(path.basename(src)) });
  const journal = JSON.parse(readFileSync(path.join(dir, "meta", "_journal.json"), "utf8"));
  journal.entries = journal.entries.filter((e: { tag: string }) => before(e.tag));
  writeFileSync(path.join(dir, "meta", "_journal.json"), JSON.stringify(journal));
  return dir;
}

/** Applies every migration the database does not have yet, with the driver it was opened with. */
export async function migrateRest(t: TestDatabase) {
  const { migrate } =
    t.driver === "pglite"
      ? await import("drizzle-orm/pglite/migrator")
      : t.driver === "neon"
        ? await import("drizzle-orm/neon-serverless/migrator")
        : await import("drizzle-orm/node-postgres/migrator");
  await migrate(t.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
}
