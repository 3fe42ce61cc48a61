// A fresh, migrated database per test file: PGlite in memory by default, or a
// new database on the real server when DATABASE_URL is set (CI runs both).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { startNeonProxy } from "./neon-proxy";

export interface TestDatabase extends DatabaseHandle {
  label: string;
}

export async function openTestDatabase(): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const h = await openDatabase({ driver: "pglite", dataDir: ":memory:" }, { migrate: true });
    return { ...h, label: "pglite" };
  }
  const name = `apex_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  const driver = process.env.DATABASE_DRIVER === "neon" ? "neon" : "pg";
  // Neon's driver speaks Postgres over a WebSocket: put the proxy in front of the local server.
  const proxy = driver === "neon" ? await startNeonProxy() : undefined;
  if (proxy) process.env.NEON_WS_PROXY = proxy.url;
  const h = await openDatabase({ driver, url: dbUrl.toString() }, { migrate: true });
  return {
    ...h,
    label: `${driver} ${name}`,
    async close() {
      await h.close();
      await proxy?.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
