// A fresh, migrated database per test file: PGlite in memory by default, or a
// new database on the real server when DATABASE_URL is set (CI runs both).
import { openDatabase, type DatabaseHandle, type PostgresSettings } from "@/db/client";
import { createScratchDatabase } from "@/scripts/scratch-database.mjs";
import { startNeonProxy } from "@/scripts/lib/neon-proxy.mjs";

export interface TestDatabase extends DatabaseHandle {
  label: string;
}

/** `migrationsFolder`: migrate only that far (a migration test then applies the rest itself). */
export async function openTestDatabase(opts: { migrationsFolder?: string } = {}): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL;
  const migrate = { migrate: true, migrationsFolder: opts.migrationsFolder };
  if (!url) {
    const h = await openDatabase({ driver: "pglite", dataDir: ":memory:" }, migrate);
    return { ...h, label: "pglite" };
  }
  const scratch = await createScratchDatabase(url, "apex_test");
  const driver = process.env.DATABASE_DRIVER === "neon" ? "neon" : "pg";
  // Neon's driver speaks Postgres over a WebSocket: put the proxy in front of the local server.
  const proxy = driver === "neon" ? await startNeonProxy() : undefined;
  const settings: PostgresSettings = { driver, url: scratch.url, poolMax: 5, ...(proxy ? { wsProxy: proxy.url } : {}) };
  const h = await openDatabase(settings, migrate);
  return {
    ...h,
    label: `${driver} ${scratch.name}`,
    async close() {
      // pool.end() resolves before idle connections have closed; the drop WITH (FORCE) below then kills
      // them, and that error would reach a pool with no 'error' listener and fail the run.
      (h.db as unknown as { $client?: { on?: (e: string, f: () => void) => void } }).$client?.on?.("error", () => {});
      await h.close();
      await proxy?.close();
      await scratch.drop();
    },
  };
}
