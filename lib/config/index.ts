// One validated settings object. Each value comes from, in order: an SST-linked
// resource (when running under `sst deploy`/`sst dev`), an environment variable,
// or an embedded default that only exists for local use.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Resource } from "sst";
import { z } from "zod";

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

type Env = Record<string, string | undefined>;
/** Linked SST resources by name; `{}` when not running under SST. */
export type LinkedResources = Record<string, Record<string, unknown> | undefined>;

const GB = 1024 ** 3;

const httpUrl = z.url({ protocol: /^https?$/ });
const positiveInt = z.coerce.number().int().positive();

const configSchema = z
  .object({
    isProduction: z.boolean(),
    appUrl: httpUrl,
    authSecret: z.string().min(32, "must be at least 32 characters"),
    database: z.discriminatedUnion("driver", [
      z.object({ driver: z.literal("pglite"), dataDir: z.string().min(1) }),
      z.object({ driver: z.literal("pg"), url: z.string().min(1) }),
      z.object({ driver: z.literal("neon"), url: z.string().min(1) }),
    ]),
    s3: z.object({
      bucket: z.string().min(3),
      region: z.string().min(1),
      endpoint: httpUrl.optional(),
      // Browser-facing endpoint for presigned URLs (differs from `endpoint` only in odd local setups).
      publicEndpoint: httpUrl.optional(),
      forcePathStyle: z.boolean(),
      credentials: z.object({ accessKeyId: z.string().min(1), secretAccessKey: z.string().min(1) }).optional(),
    }),
    email: z.object({
      transport: z.enum(["ses", "mailbox"]),
      from: z.string().min(3),
      region: z.string().min(1),
      sesEndpoint: httpUrl.optional(),
      configurationSet: z.string().min(1).optional(),
      // Shared secret the SES event webhook must present.
      webhookSecret: z.string().min(16, "must be at least 16 characters"),
    }),
    uploads: z.object({
      maxBytes: positiveInt.max(5 * 1024 ** 4),
      partUrlTtlSeconds: positiveInt.min(60).max(7 * 24 * 3600),
      // Smallest part (S3 needs ≥ 5 MiB); bigger files grow parts to stay under 10,000.
      minPartBytes: positiveInt.min(5 * 1024 * 1024).max(5 * GB),
    }),
    retentionDays: positiveInt.max(3650),
    shareExpiryDays: positiveInt.min(1).max(30),
    // Bearer secret for the scheduled sweep route.
    cronSecret: z.string().min(16, "must be at least 16 characters"),
  });

// Production must never fall back to local stand-ins.
function productionIssues(c: { database: { driver: string }; email: { transport?: string } }) {
  const issues: string[] = [];
  if (c.database.driver === "pglite") issues.push("DATABASE_URL (or the linked Database): is required in production (PGlite is for local use)");
  if (c.email.transport === "mailbox") issues.push("EMAIL_TRANSPORT: must be 'ses' in production");
  return issues;
}

export type Config = z.infer<typeof configSchema>;

function linkedValue(res: LinkedResources, name: string, prop: string): string | undefined {
  const v = res[name]?.[prop];
  return v === undefined || v === null ? undefined : String(v);
}

/** Local-only secret kept in the git-ignored data folder so sessions survive restarts. */
function localSecret(dataDir: string, name: string): string {
  const file = path.join(dataDir, `${name}.secret`);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const value = randomBytes(32).toString("base64url");
  writeFileSync(file, value, { mode: 0o600 });
  return value;
}

/**
 * Resolve settings. Pure apart from the local-secret file, so tests can feed
 * any environment and resource set.
 */
export function resolveConfig(rawEnv: Env, linked: LinkedResources = {}): Config {
  // An empty variable means "not set" (shells and CI files often export VAR=).
  const env: Env = Object.fromEntries(Object.entries(rawEnv).filter(([, v]) => v !== undefined && v !== ""));
  const isProduction = env.APP_ENV === "production" || (!!env.AWS_LAMBDA_FUNCTION_NAME && env.APP_ENV !== "local");
  const dataDir = env.APEX_DATA_DIR ?? path.join(process.cwd(), ".data");
  const local = <T>(value: T): T | undefined => (isProduction ? undefined : value);

  const db = linked.Database;
  const databaseUrl =
    db && db.host
      ? `postgres://${encodeURIComponent(String(db.username))}:${encodeURIComponent(String(db.password))}@${db.host}:${db.port ?? 5432}/${db.database}`
      : env.DATABASE_URL;
  const driver = databaseUrl ? (env.DATABASE_DRIVER === "neon" ? "neon" : "pg") : "pglite";

  const s3Endpoint = env.S3_ENDPOINT ?? (linked.VideoBucket ? undefined : local("http://127.0.0.1:4569"));
  const s3Key = env.S3_ACCESS_KEY_ID ?? (s3Endpoint && !linked.VideoBucket ? local("S3RVER") : undefined);
  const s3Secret = env.S3_SECRET_ACCESS_KEY ?? (s3Endpoint && !linked.VideoBucket ? local("S3RVER") : undefined);

  const raw = {
    isProduction,
    appUrl: linkedValue(linked, "AppUrl", "value") ?? env.APP_URL ?? env.AUTH_URL ?? local("http://localhost:3000"),
    authSecret: linkedValue(linked, "AuthSecret", "value") ?? env.AUTH_SECRET ?? (isProduction ? undefined : localSecret(dataDir, "auth")),
    database:
      driver === "pglite"
        ? { driver, dataDir: env.PGLITE_DIR ?? path.join(dataDir, "pglite") }
        : { driver, url: databaseUrl },
    s3: {
      bucket: linkedValue(linked, "VideoBucket", "name") ?? env.S3_BUCKET ?? local("apexshare-local"),
      region: env.S3_REGION ?? env.AWS_REGION ?? "us-east-1",
      endpoint: s3Endpoint,
      publicEndpoint: env.S3_PUBLIC_ENDPOINT ?? s3Endpoint,
      forcePathStyle: s3Endpoint !== undefined,
      credentials: s3Key && s3Secret ? { accessKeyId: s3Key, secretAccessKey: s3Secret } : undefined,
    },
    email: {
      transport: env.EMAIL_TRANSPORT ?? (linked.Email ? "ses" : isProduction ? "ses" : "mailbox"),
      from: linkedValue(linked, "Email", "sender") ?? env.EMAIL_FROM ?? local("ApexShare <no-reply@apexshare.local>"),
      region: env.SES_REGION ?? env.AWS_REGION ?? "us-east-1",
      sesEndpoint: env.SES_ENDPOINT,
      // SES configuration set that publishes bounces/complaints (linked from sst.aws.Email).
      configurationSet: linkedValue(linked, "Email", "configSet") ?? env.SES_CONFIGURATION_SET,
      webhookSecret:
        linkedValue(linked, "EmailWebhookSecret", "value") ?? env.EMAIL_WEBHOOK_SECRET ?? (isProduction ? undefined : localSecret(dataDir, "webhook")),
    },
    uploads: {
      maxBytes: env.UPLOAD_MAX_BYTES ?? 20 * GB,
      partUrlTtlSeconds: env.PART_URL_TTL_SECONDS ?? 900,
      minPartBytes: env.UPLOAD_MIN_PART_BYTES ?? 8 * 1024 * 1024,
    },
    retentionDays: env.RETENTION_DAYS ?? 30,
    shareExpiryDays: env.SHARE_EXPIRY_DAYS ?? 14,
    cronSecret: linkedValue(linked, "CronSecret", "value") ?? env.CRON_SECRET ?? (isProduction ? undefined : localSecret(dataDir, "cron")),
  };

  const parsed = configSchema.safeParse(raw);
  const problems = [
    ...(isProduction ? productionIssues(raw) : []),
    ...(parsed.success ? [] : parsed.error.issues.map((i) => `${settingName(i.path)}: ${i.input === undefined ? "is required" : i.message}`)),
  ];
  if (!parsed.success || problems.length) {
    const lines = problems.map((p) => `  - ${p}`);
    throw new ConfigError(`Invalid ApexShare configuration${isProduction ? " (production)" : ""}:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

// Map a schema path back to the setting a person would change.
const SETTING_NAMES: Record<string, string> = {
  appUrl: "APP_URL (or the AppUrl SST secret)",
  authSecret: "AUTH_SECRET (or the AuthSecret SST secret)",
  "database.url": "DATABASE_URL",
  "s3.bucket": "S3_BUCKET (or the linked VideoBucket)",
  "s3.endpoint": "S3_ENDPOINT",
  "s3.publicEndpoint": "S3_PUBLIC_ENDPOINT",
  "email.transport": "EMAIL_TRANSPORT",
  "email.from": "EMAIL_FROM (or the linked Email sender)",
  "email.sesEndpoint": "SES_ENDPOINT",
  "email.webhookSecret": "EMAIL_WEBHOOK_SECRET",
  "uploads.maxBytes": "UPLOAD_MAX_BYTES",
  "uploads.partUrlTtlSeconds": "PART_URL_TTL_SECONDS",
  "uploads.minPartBytes": "UPLOAD_MIN_PART_BYTES",
  retentionDays: "RETENTION_DAYS",
  shareExpiryDays: "SHARE_EXPIRY_DAYS",
  cronSecret: "CRON_SECRET (or the CronSecret SST secret)",
};

function settingName(p: readonly PropertyKey[]): string {
  const key = p.map(String).join(".");
  return SETTING_NAMES[key] ?? key;
}

/** Linked resources through SST's SDK (env vars or its encrypted key file); `{}` outside SST. */
function sstResources(): LinkedResources {
  const out: LinkedResources = {};
  const linked = Resource as unknown as LinkedResources;
  for (const name of ["App", "Database", "VideoBucket", "Email", "AuthSecret", "EmailWebhookSecret", "CronSecret", "AppUrl"]) {
    if (name in linked) out[name] = linked[name];
  }
  return out;
}

let cached: Config | undefined;

export function getConfig(): Config {
  cached ??= resolveConfig(process.env, sstResources());
  return cached;
}

/** For tests that change the environment between cases. */
export function resetConfigForTests() {
  cached = undefined;
}
