// Each deployed function validates only what it uses: the migrator and the
// email-event subscriber link only the database, the sweep only its secret and
// the site URL. Run with exactly the environment their SST links give them.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { ConfigError, resolveConfig, resolveDatabaseConfig, resolveSweepConfig } from "@/lib/config";

const lambda = {
  APP_ENV: "production",
  AWS_LAMBDA_FUNCTION_NAME: "apexshare-prod-Migrator",
  SST_RESOURCE_App: '{"name":"apexshare","stage":"prod"}',
};
const aurora = {
  host: "db.cluster-x.us-east-1.rds.amazonaws.com",
  port: 5432,
  username: "postgres",
  password: "p@ss",
  database: "apexshare",
};

const root = path.resolve(import.meta.dirname, "../..");

/** A fresh process with exactly `env` (plus PATH/HOME so Node starts), as Lambda runs a handler. */
function invoke(file: string, env: Record<string, string>, event: unknown = {}) {
  return new Promise<{ ok: boolean; result?: unknown; error?: string }>((resolve) => {
    const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["scripts/invoke-handler.ts", file, "handler", JSON.stringify(event)], {
      cwd: root,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } as unknown as NodeJS.ProcessEnv,
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => (out += c));
    child.stderr.on("data", (c: Buffer) => (err += c));
    child.on("close", () => resolve(JSON.parse(out.trim().split("\n").pop() || JSON.stringify({ ok: false, error: err }))));
  });
}

describe("per-function configuration", () => {
  it("the database view accepts the migrator's links alone, where the full config refuses them", () => {
    const linked = { Database: aurora };
    expect(() => resolveConfig(lambda, linked)).toThrow(ConfigError);
    expect(resolveDatabaseConfig({ ...lambda, DATABASE_POOL_MAX: "1" }, linked)).toEqual({
      driver: "pg",
      url: "postgres://postgres:p%40ss@db.cluster-x.us-east-1.rds.amazonaws.com:5432/apexshare?sslmode=verify-full",
      poolMax: 1,
      connectTimeoutSeconds: 5,
    });
  });

  it("a linked Neon URL selects Neon's driver; nothing linked in production is an error naming the setting", () => {
    expect(resolveDatabaseConfig(lambda, { NeonDatabaseUrl: { value: "postgres://u:p@ep-x.neon.tech/db" } })).toMatchObject({
      driver: "neon",
      url: "postgres://u:p@ep-x.neon.tech/db",
    });
    expect(() => resolveDatabaseConfig(lambda)).toThrow(/DATABASE_URL/);
  });

  it("the sweep view needs only the site URL and the cron secret", () => {
    expect(resolveSweepConfig({ SITE_URL: "https://v.example.com" }, { CronSecret: { value: "c".repeat(32) } })).toEqual({
      siteUrl: "https://v.example.com",
      cronSecret: "c".repeat(32),
    });
    expect(() => resolveSweepConfig({ SITE_URL: "https://v.example.com" })).toThrow(/CRON_SECRET/);
  });

  it("the sweep handler calls the site with its linked secret, in a process with only its links", async () => {
    const secret = randomBytes(24).toString("hex");
    const seen: string[] = [];
    const site = http.createServer((req, res) => {
      seen.push(`${req.method} ${req.url} ${req.headers.authorization}`);
      res.end(JSON.stringify({ deletedVideos: 0 }));
    });
    await new Promise<void>((r) => site.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    const r = await invoke("infra/sweep.ts", { ...lambda, SITE_URL: url, SST_RESOURCE_CronSecret: JSON.stringify({ value: secret }) });
    site.close();
    // Without its signals bucket it cannot tell whether there is work: every run sweeps.
    expect(r).toEqual({ ok: true, result: { reason: "daily", deletedVideos: 0 } });
    expect(seen).toEqual([`POST /api/cron/sweep Bearer ${secret}`]);
  });

  it("the sweep waits out a waking database: on 503 it asks again after Retry-After", async () => {
    const secret = randomBytes(24).toString("hex");
    const seen: number[] = [];
    const site = http.createServer((req, res) => {
      seen.push(Date.now());
      if (seen.length === 1) {
        res.writeHead(503, { "retry-after": "1", "content-type": "application/json" });
        return res.end(JSON.stringify({ error: "A backing service is unavailable. Try again shortly." }));
      }
      res.end(JSON.stringify({ outbox: { sent: 1, failed: 0 } }));
    });
    await new Promise<void>((r) => site.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    const r = await invoke("infra/sweep.ts", { ...lambda, SITE_URL: url, SST_RESOURCE_CronSecret: JSON.stringify({ value: secret }) });
    site.close();
    expect(r).toEqual({ ok: true, result: { reason: "daily", outbox: { sent: 1, failed: 0 } } });
    expect(seen).toHaveLength(2);
    expect(seen[1] - seen[0]).toBeGreaterThanOrEqual(900);
  });

  // The real server is needed for a linked "Aurora" (CI's second run sets DATABASE_URL).
  it.skipIf(!process.env.DATABASE_URL || process.env.DATABASE_DRIVER === "neon")(
    "the migrator applies migrations with only the Database link in its environment",
    async () => {
      const server = new URL(process.env.DATABASE_URL!);
      const name = `apex_migrator_${randomBytes(4).toString("hex")}`;
      const admin = new pg.Client({ connectionString: server.toString() });
      await admin.connect();
      await admin.query(`create database ${name}`);
      try {
        const link = {
          host: server.hostname,
          port: Number(server.port || 5432),
          username: decodeURIComponent(server.username),
          password: decodeURIComponent(server.password),
          database: name,
        };
        const r = await invoke("infra/migrate.ts", { ...lambda, DATABASE_SSLMODE: "disable", SST_RESOURCE_Database: JSON.stringify(link) });
        expect(r).toEqual({ ok: true, result: { migrated: true, driver: "pg" } });
        const c = new pg.Client({ connectionString: Object.assign(new URL(server), { pathname: `/${name}` }).toString() });
        await c.connect();
        const { rows } = await c.query("select count(*)::int as n from drizzle.__drizzle_migrations");
        await c.end();
        expect(rows[0].n).toBeGreaterThan(0);
      } finally {
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      }
    },
  );
});
