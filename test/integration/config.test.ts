import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, resolveConfig, s3PublicOrigin } from "@/lib/config";

const dataDir = mkdtempSync(path.join(tmpdir(), "apex-config-"));
const localEnv = { APEX_DATA_DIR: dataDir };

describe("config resolution", () => {
  it("runs locally on embedded defaults: PGlite, local S3, dev mailbox", () => {
    const c = resolveConfig(localEnv);
    expect(c.isProduction).toBe(false);
    expect(c.database).toEqual({ driver: "pglite", dataDir: path.join(dataDir, "pglite") });
    expect(c.s3.endpoint).toBe("http://127.0.0.1:4569");
    expect(c.s3.credentials?.accessKeyId).toBe("S3RVER");
    expect(c.email.transport).toBe("mailbox");
    expect(c.uploads.maxBytes).toBe(20 * 1024 ** 3);
    expect(c.localDataDir).toBe(dataDir);
    expect(c.rateLimitScale).toBe(1);
    // The local secret is random and stable across restarts.
    expect(c.authSecret.length).toBeGreaterThanOrEqual(32);
    expect(resolveConfig(localEnv).authSecret).toBe(c.authSecret);
  });

  it("prefers environment variables over defaults", () => {
    const c = resolveConfig({
      ...localEnv,
      DATABASE_URL: "postgres://u@h/db",
      S3_BUCKET: "b-env",
      UPLOAD_MAX_BYTES: "1000",
      EMAIL_TRANSPORT: "ses",
    });
    expect(c.database).toEqual({ driver: "pg", url: "postgres://u@h/db", poolMax: 5, connectTimeoutSeconds: 5 });
    expect(c.s3.bucket).toBe("b-env");
    expect(c.uploads.maxBytes).toBe(1000);
    expect(c.email.transport).toBe("ses");
  });

  it("prefers SST-linked resources over environment variables", () => {
    const c = resolveConfig(
      { ...localEnv, S3_BUCKET: "b-env", AUTH_SECRET: "e".repeat(40), DATABASE_URL: "postgres://env/db" },
      {
        VideoBucket: { name: "b-linked" },
        AuthSecret: { value: "l".repeat(40) },
        Database: { host: "aurora.local", port: 5432, username: "apex", password: "p@ss", database: "apexshare" },
        Email: { sender: "school@example.com" },
      },
    );
    expect(c.s3.bucket).toBe("b-linked");
    expect(c.s3.endpoint).toBeUndefined(); // real AWS S3, no local endpoint
    expect(c.authSecret).toBe("l".repeat(40));
    expect(c.database).toEqual({
      driver: "pg",
      url: "postgres://apex:p%40ss@aurora.local:5432/apexshare?sslmode=verify-full",
      poolMax: 5,
      connectTimeoutSeconds: 5,
    });
    expect(c.email).toMatchObject({ transport: "ses", from: "school@example.com" });
  });

  it("a domain SES identity links a bare domain: From comes from EMAIL_FROM, and a bare domain is refused", () => {
    const linked = { Email: { sender: "myschool.com", configSet: "apex-config" } };
    expect(resolveConfig({ ...localEnv, EMAIL_FROM: "ApexShare <no-reply@myschool.com>" }, linked).email).toMatchObject({
      transport: "ses",
      from: "ApexShare <no-reply@myschool.com>",
      configurationSet: "apex-config",
    });
    expect(() => resolveConfig({ APP_ENV: "production", EMAIL_FROM: "myschool.com" }, linked)).toThrow(
      /EMAIL_FROM.*must be an email address/,
    );
  });

  it("fails in production naming each missing setting, with no local defaults", () => {
    let err: unknown;
    try {
      resolveConfig({ APP_ENV: "production" });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as Error).message;
    for (const name of ["APP_URL", "AUTH_SECRET", "DATABASE_URL", "S3_BUCKET", "EMAIL_FROM", "CRON_SECRET"]) {
      expect(msg).toContain(name);
    }
  });

  it("rejects a wrong value with the setting's name", () => {
    expect(() => resolveConfig({ ...localEnv, UPLOAD_MAX_BYTES: "lots" })).toThrow(/UPLOAD_MAX_BYTES/);
    expect(() => resolveConfig({ ...localEnv, APP_URL: "ftp://x" })).toThrow(/APP_URL/);
    expect(() => resolveConfig({ ...localEnv, SHARE_EXPIRY_DAYS: "31" })).toThrow(/SHARE_EXPIRY_DAYS/);
    // A present but wrong value says what is wrong with it, not "is required".
    expect(() => resolveConfig({ ...localEnv, AUTH_SECRET: "short" })).toThrow(
      /AUTH_SECRET \(or the linked AuthSecret\): must be at least 32 characters/,
    );
  });

  it("accepts a complete production configuration", () => {
    const c = resolveConfig({
      APP_ENV: "production",
      APP_URL: "https://videos.example.com",
      AUTH_SECRET: "s".repeat(40),
      DATABASE_URL: "postgres://u:p@db/apex",
      S3_BUCKET: "apex-videos",
      EMAIL_FROM: "ApexShare <videos@example.com>",
      CRON_SECRET: "c".repeat(32),
    });
    expect(c).toMatchObject({ isProduction: true, email: { transport: "ses" }, s3: { bucket: "apex-videos", credentials: undefined } });
  });

  it("declares the database pool, the Neon WebSocket proxy and the rate-limit scale", () => {
    const c = resolveConfig({
      ...localEnv,
      DATABASE_URL: "postgres://u@h/db",
      DATABASE_DRIVER: "neon",
      DATABASE_POOL_MAX: "3",
      NEON_WS_PROXY: "127.0.0.1:9999/v1",
      RATE_LIMIT_SCALE: "100",
    });
    expect(c.database).toEqual({
      driver: "neon",
      url: "postgres://u@h/db",
      poolMax: 3,
      connectTimeoutSeconds: 5,
      wsProxy: "127.0.0.1:9999/v1",
    });
    expect(c.rateLimitScale).toBe(100);
    // A typo is an error naming the variable, not a silent fallback.
    expect(() => resolveConfig({ ...localEnv, RATE_LIMIT_SCALE: "lots" })).toThrow(/RATE_LIMIT_SCALE/);
    expect(() => resolveConfig({ ...localEnv, DATABASE_URL: "postgres://u@h/db", DATABASE_POOL_MAX: "0" })).toThrow(/DATABASE_POOL_MAX/);
  });

  it("keeps local files out of production: no data folder, no local secrets written", () => {
    const c = resolveConfig({
      APP_ENV: "production",
      APEX_DATA_DIR: dataDir,
      APP_URL: "https://videos.example.com",
      AUTH_SECRET: "s".repeat(40),
      DATABASE_URL: "postgres://u:p@db/apex",
      S3_BUCKET: "apex-videos",
      EMAIL_FROM: "ApexShare <videos@example.com>",
      CRON_SECRET: "c".repeat(32),
    });
    expect(c.localDataDir).toBeUndefined();
    const missing = (() => {
      try {
        resolveConfig({ APP_ENV: "production" });
      } catch (e) {
        return (e as Error).message;
      }
    })();
    // Names come from the one settings table, with the SST resource that can supply them.
    expect(missing).toContain("DATABASE_URL (or the linked Database): is required in production");
    expect(missing).toContain("AUTH_SECRET (or the linked AuthSecret)");
  });

  it("exposes the browser-facing S3 origin without an S3 client", () => {
    expect(s3PublicOrigin(resolveConfig(localEnv).s3)).toBe("http://127.0.0.1:4569");
    expect(s3PublicOrigin(resolveConfig({ ...localEnv, S3_PUBLIC_ENDPOINT: "https://files.example.com/base" }).s3)).toBe(
      "https://files.example.com",
    );
    const aws = resolveConfig({ ...localEnv, S3_REGION: "eu-west-1" }, { VideoBucket: { name: "apex-videos" } });
    expect(s3PublicOrigin(aws.s3)).toBe("https://apex-videos.s3.eu-west-1.amazonaws.com");
  });
});
