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

/**
 * Every setting a person can change, once: schema path → environment variables
 * (first set wins) and the SST-linked resource that supplies it. The resolver reads
 * through this table and error messages name settings from it.
 */
interface Setting {
  env: readonly string[];
  linked?: readonly [resource: string, property: string];
}
const SETTINGS = {
  appUrl: { env: ["APP_URL", "AUTH_URL"], linked: ["AppUrl", "value"] },
  authSecret: { env: ["AUTH_SECRET"], linked: ["AuthSecret", "value"] },
  // Composed from the linked Database's host/port/username/password (see `databaseUrl`).
  "database.url": { env: ["DATABASE_URL"], linked: ["Database", "host"] },
  "database.driver": { env: ["DATABASE_DRIVER"] },
  // TLS to a linked Aurora cluster (default verify-full); `disable` only for a local rehearsal.
  "database.sslmode": { env: ["DATABASE_SSLMODE"] },
  "database.poolMax": { env: ["DATABASE_POOL_MAX"] },
  // How long a new connection may take; a paused Aurora needs ~15 s to answer (see lib/health/waking).
  "database.connectTimeoutSeconds": { env: ["DATABASE_CONNECT_TIMEOUT_SECONDS"] },
  "database.wsProxy": { env: ["NEON_WS_PROXY"] },
  "database.dataDir": { env: ["PGLITE_DIR"] },
  localDataDir: { env: ["APEX_DATA_DIR"] },
  "s3.bucket": { env: ["S3_BUCKET"], linked: ["VideoBucket", "name"] },
  "s3.region": { env: ["S3_REGION", "AWS_REGION"] },
  "s3.endpoint": { env: ["S3_ENDPOINT"] },
  "s3.publicEndpoint": { env: ["S3_PUBLIC_ENDPOINT"] },
  "s3.credentials.accessKeyId": { env: ["S3_ACCESS_KEY_ID"] },
  "s3.credentials.secretAccessKey": { env: ["S3_SECRET_ACCESS_KEY"] },
  "s3.mediaUrlTtlSeconds": { env: ["MEDIA_URL_TTL_SECONDS"] },
  // CloudFront in front of the bucket (sst.config.ts links MediaCdn); unset → presigned S3 GETs.
  "s3.cdn.url": { env: ["MEDIA_CDN_URL"], linked: ["MediaCdn", "url"] },
  "s3.cdn.keyPairId": { env: ["MEDIA_CDN_KEY_PAIR_ID"], linked: ["MediaCdn", "keyPairId"] },
  "s3.cdn.privateKey": { env: ["MEDIA_CDN_PRIVATE_KEY"], linked: ["MediaCdn", "privateKey"] },
  "email.transport": { env: ["EMAIL_TRANSPORT"] },
  // The linked Email's `sender` is a bare domain for a domain identity, so EMAIL_FROM comes first (see resolveConfig).
  "email.from": { env: ["EMAIL_FROM"] },
  "email.region": { env: ["SES_REGION", "AWS_REGION"] },
  "email.sesEndpoint": { env: ["SES_ENDPOINT"] },
  "email.configurationSet": { env: ["SES_CONFIGURATION_SET"], linked: ["Email", "configSet"] },
  "uploads.maxBytes": { env: ["UPLOAD_MAX_BYTES"] },
  "uploads.partUrlTtlSeconds": { env: ["PART_URL_TTL_SECONDS"] },
  "uploads.minPartBytes": { env: ["UPLOAD_MIN_PART_BYTES"] },
  retentionDays: { env: ["RETENTION_DAYS"] },
  maxRetentionDays: { env: ["MAX_RETENTION_DAYS"] },
  shareExpiryDays: { env: ["SHARE_EXPIRY_DAYS"] },
  cronSecret: { env: ["CRON_SECRET"], linked: ["CronSecret", "value"] },
  rateLimitScale: { env: ["RATE_LIMIT_SCALE"] },
  trustProxy: { env: ["TRUST_PROXY"] },
  // The sweep function's only other setting: where the site is.
  siteUrl: { env: ["SITE_URL"] },
} as const satisfies Record<string, Setting>;

type SettingKey = keyof typeof SETTINGS;

/** The name a person would change: `DATABASE_URL (or the linked Database)`. */
export function settingName(key: string): string {
  const s: Setting | undefined = (SETTINGS as Record<string, Setting>)[key];
  if (!s) return key;
  return s.linked ? `${s.env[0]} (or the linked ${s.linked[0]})` : s.env[0];
}

const databaseSchema = z.discriminatedUnion("driver", [
  z.object({ driver: z.literal("pglite"), dataDir: z.string().min(1) }),
  z.object({ driver: z.literal("pg"), url: z.string().min(1), poolMax: positiveInt.max(100), connectTimeoutSeconds: positiveInt.max(300) }),
  z.object({
    driver: z.literal("neon"),
    url: z.string().min(1),
    poolMax: positiveInt.max(100),
    connectTimeoutSeconds: positiveInt.max(300),
    // A WebSocket proxy in front of a plain Postgres (tests, a self-hosted proxy); unset for Neon itself.
    wsProxy: z.string().min(1).optional(),
  }),
]);

const configSchema = z.object({
  isProduction: z.boolean(),
  appUrl: httpUrl,
  authSecret: z.string().min(32, "must be at least 32 characters"),
  database: databaseSchema,
  // Local-only folder for the embedded database, local secrets and the demo trainer; unset in production.
  localDataDir: z.string().min(1).optional(),
  s3: z.object({
    bucket: z.string().min(3),
    region: z.string().min(1),
    endpoint: httpUrl.optional(),
    // Browser-facing endpoint for presigned URLs (differs from `endpoint` only in odd local setups).
    publicEndpoint: httpUrl.optional(),
    forcePathStyle: z.boolean(),
    credentials: z.object({ accessKeyId: z.string().min(1), secretAccessKey: z.string().min(1) }).optional(),
    // Lifetime of every URL a viewer gets (stream, download, poster); the player re-signs before it runs out.
    mediaUrlTtlSeconds: positiveInt.min(60).max(1800, "must be at most 1800 (30 minutes)"),
    // Viewer URLs through CloudFront (signed with the key group's private key) instead of presigned S3 GETs.
    cdn: z
      .object({
        url: z.url({ protocol: /^https$/ }),
        keyPairId: z.string().min(1),
        privateKey: z.string().includes("PRIVATE KEY", { message: "must be a PEM private key" }),
      })
      .optional(),
  }),
  email: z.object({
    transport: z.enum(["ses", "mailbox"]),
    // An address SES accepts in From: "Name <a@b>" or "a@b" (a bare domain is refused).
    from: z
      .string()
      .regex(/^(?:[^<>]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/, "must be an email address, e.g. ApexShare <no-reply@myschool.com>"),
    region: z.string().min(1),
    sesEndpoint: httpUrl.optional(),
    configurationSet: z.string().min(1).optional(),
  }),
  uploads: z.object({
    maxBytes: positiveInt.max(5 * 1024 ** 4),
    partUrlTtlSeconds: positiveInt.min(60).max(7 * 24 * 3600),
    // Smallest part (S3 needs ≥ 5 MiB); bigger files grow parts to stay under 10,000.
    minPartBytes: positiveInt.min(5 * 1024 * 1024).max(5 * GB),
  }),
  retentionDays: positiveInt.max(3650),
  // How long a trainer may keep a session's videos when they extend a link past retention.
  maxRetentionDays: positiveInt.max(3650),
  shareExpiryDays: positiveInt.min(1).max(30),
  // Bearer secret for the scheduled sweep route.
  cronSecret: z.string().min(16, "must be at least 16 characters"),
  // Multiplies every rate limit, e.g. for load tests from one address.
  rateLimitScale: positiveInt,
  // Where the client's address comes from (lib/security/client-ip): the socket, CloudFront, or n proxy hops.
  trustProxy: z.union([z.enum(["none", "cloudfront"]), z.coerce.number().int().min(1).max(5)]),
});

// Production must never fall back to local stand-ins.
function productionIssues(c: { database: { driver: string }; email: { transport?: string } }) {
  const issues: string[] = [];
  if (c.database.driver === "pglite") issues.push(`${settingName("database.url")}: is required in production (PGlite is for local use)`);
  if (c.email.transport === "mailbox") issues.push(`${settingName("email.transport")}: must be 'ses' in production`);
  return issues;
}

export type Config = z.infer<typeof configSchema>;

/** The CloudFront origin viewers stream and download from, when there is one (for CSP). */
export function mediaCdnOrigin(s3: Config["s3"]): string | undefined {
  return s3.cdn ? new URL(s3.cdn.url).origin : undefined;
}

/** The origin browsers reach for presigned URLs (for CSP and CORS), without an S3 client. */
export function s3PublicOrigin(s3: Config["s3"]): string {
  if (s3.publicEndpoint) return new URL(s3.publicEndpoint).origin;
  return `https://${s3.bucket}.s3.${s3.region}.amazonaws.com`;
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

type Read = (key: SettingKey) => string | undefined;

/** All three CloudFront settings, or none (then viewers get presigned S3 GETs). */
function mediaCdn(read: Read) {
  const cdn = {
    url: read("s3.cdn.url"),
    keyPairId: read("s3.cdn.keyPairId"),
    privateKey: read("s3.cdn.privateKey")?.replace(/\\n/g, "\n"),
  };
  return cdn.url || cdn.keyPairId || cdn.privateKey ? cdn : undefined;
}

/** The environment with empty variables dropped, and a reader: linked resource first, then env. */
function settingsReader(rawEnv: Env, linked: LinkedResources) {
  // An empty variable means "not set" (shells and CI files often export VAR=).
  const env: Env = Object.fromEntries(Object.entries(rawEnv).filter(([, v]) => v !== undefined && v !== ""));
  const read: Read = (key) => {
    const s: Setting = SETTINGS[key];
    const fromLink = s.linked ? linked[s.linked[0]]?.[s.linked[1]] : undefined;
    if (fromLink !== undefined && fromLink !== null) return String(fromLink);
    for (const name of s.env) if (env[name] !== undefined) return env[name];
    return undefined;
  };
  const isProduction = env.APP_ENV === "production" || (!!env.AWS_LAMBDA_FUNCTION_NAME && env.APP_ENV !== "local");
  const local = <T>(value: T): T | undefined => (isProduction ? undefined : value);
  // Resolved from the working directory only when needed, and never in production.
  // turbopackIgnore: the build's file tracer must not follow this folder into the Lambda (issue 17).
  const dataDir = local(read("localDataDir") ?? path.resolve(/* turbopackIgnore: true */ ".data"));
  return { env, read, isProduction, local, dataDir };
}

/**
 * The database, from (in order) the linked Aurora cluster (TLS with the certificate and host
 * name checked), the linked Neon URL secret, DATABASE_URL, or embedded PGlite.
 */
function rawDatabase(env: Env, linked: LinkedResources, read: Read, dataDir: string | undefined) {
  const db = linked.Database;
  const sslmode = read("database.sslmode") ?? "verify-full";
  const neonUrl = linked.NeonDatabaseUrl?.value;
  const databaseUrl =
    db && db.host
      ? `postgres://${encodeURIComponent(String(db.username))}:${encodeURIComponent(String(db.password))}@${db.host}:${db.port ?? 5432}/${db.database}?sslmode=${sslmode}`
      : neonUrl
        ? String(neonUrl)
        : env.DATABASE_URL;
  const driver = databaseUrl ? (neonUrl || read("database.driver") === "neon" ? "neon" : "pg") : "pglite";
  const poolMax = read("database.poolMax") ?? 5;
  // 5 s: well inside the server's 30 s, so a student sees the "waking up" page, not a blank wait.
  const connectTimeoutSeconds = read("database.connectTimeoutSeconds") ?? 5;
  return driver === "pglite"
    ? { driver, dataDir: read("database.dataDir") ?? (dataDir ? path.join(dataDir, "pglite") : undefined) }
    : driver === "neon"
      ? { driver, url: databaseUrl, poolMax, connectTimeoutSeconds, wsProxy: read("database.wsProxy") }
      : { driver, url: databaseUrl, poolMax, connectTimeoutSeconds };
}

function problemsOf(error: z.ZodError, prefix: string[] = []) {
  return error.issues.map(
    (i) => `${settingName([...prefix, ...i.path.map(String)].join("."))}: ${i.input === undefined ? "is required" : i.message}`,
  );
}

function fail(problems: string[], isProduction: boolean, what = "ApexShare configuration"): never {
  const lines = problems.map((p) => `  - ${p}`);
  throw new ConfigError(`Invalid ${what}${isProduction ? " (production)" : ""}:\n${lines.join("\n")}`);
}

export type DatabaseConfig = z.infer<typeof databaseSchema>;

/** Only the database: what the migrator and the email-event subscriber need (they link nothing else). */
export function resolveDatabaseConfig(rawEnv: Env, linked: LinkedResources = {}): DatabaseConfig {
  const { env, read, isProduction, dataDir } = settingsReader(rawEnv, linked);
  const raw = rawDatabase(env, linked, read, dataDir);
  const parsed = databaseSchema.safeParse(raw, { reportInput: true });
  const problems = [
    ...(isProduction ? productionIssues({ database: raw, email: {} }) : []),
    ...(parsed.success ? [] : problemsOf(parsed.error, ["database"])),
  ];
  if (!parsed.success || problems.length) fail(problems, isProduction, "database configuration");
  return parsed.data;
}

const sweepSchema = z.object({
  siteUrl: httpUrl,
  cronSecret: z.string().min(16, "must be at least 16 characters"),
  // Where the sweep's signals live (lib/storage/signals); without it every scheduled run sweeps.
  s3: configSchema.shape.s3.optional(),
});
export type SweepConfig = z.infer<typeof sweepSchema>;

/** Only what the scheduled sweep function needs: where the site is, the bearer secret, the signals' bucket. */
export function resolveSweepConfig(rawEnv: Env, linked: LinkedResources = {}): SweepConfig {
  const { read, isProduction } = settingsReader(rawEnv, linked);
  const bucket = linked.SweepSignals?.bucket ?? read("s3.bucket");
  const endpoint = read("s3.endpoint");
  const [key, secret] = [read("s3.credentials.accessKeyId"), read("s3.credentials.secretAccessKey")];
  const s3 = bucket
    ? {
        bucket: String(bucket),
        region: read("s3.region") ?? "us-east-1",
        endpoint,
        publicEndpoint: endpoint,
        forcePathStyle: endpoint !== undefined,
        credentials: key && secret ? { accessKeyId: key, secretAccessKey: secret } : undefined,
        // Unused by the sweep (it signs no viewer URL); the storage settings' shape needs it.
        mediaUrlTtlSeconds: 900,
      }
    : undefined;
  const parsed = sweepSchema.safeParse({ siteUrl: read("siteUrl"), cronSecret: read("cronSecret"), s3 }, { reportInput: true });
  if (!parsed.success) fail(problemsOf(parsed.error), isProduction, "sweep configuration");
  return parsed.data;
}

/** The linked SES sender when it is an address; a domain identity's sender is not one. */
function linkedSenderAddress(linked: LinkedResources) {
  const sender = linked.Email?.sender;
  return typeof sender === "string" && sender.includes("@") ? sender : undefined;
}

/**
 * Resolve the full settings (the site's server). Pure apart from the local-secret
 * file, so tests can feed any environment and resource set.
 */
export function resolveConfig(rawEnv: Env, linked: LinkedResources = {}): Config {
  const { env, read, isProduction, local, dataDir } = settingsReader(rawEnv, linked);
  const localSecretIn = (name: string) => (dataDir ? localSecret(dataDir, name) : undefined);

  const s3Endpoint = read("s3.endpoint") ?? (linked.VideoBucket ? undefined : local("http://127.0.0.1:4569"));
  const localS3Key = s3Endpoint && !linked.VideoBucket ? local("S3RVER") : undefined;
  const s3Key = read("s3.credentials.accessKeyId") ?? localS3Key;
  const s3Secret = read("s3.credentials.secretAccessKey") ?? localS3Key;

  const raw = {
    isProduction,
    appUrl: read("appUrl") ?? local("http://localhost:3000"),
    authSecret: read("authSecret") ?? localSecretIn("auth"),
    database: rawDatabase(env, linked, read, dataDir),
    localDataDir: dataDir,
    s3: {
      bucket: read("s3.bucket") ?? local("apexshare-local"),
      region: read("s3.region") ?? "us-east-1",
      endpoint: s3Endpoint,
      publicEndpoint: read("s3.publicEndpoint") ?? s3Endpoint,
      forcePathStyle: s3Endpoint !== undefined,
      credentials: s3Key && s3Secret ? { accessKeyId: s3Key, secretAccessKey: s3Secret } : undefined,
      mediaUrlTtlSeconds: read("s3.mediaUrlTtlSeconds") ?? 900,
      cdn: mediaCdn(read),
    },
    email: {
      transport: read("email.transport") ?? (linked.Email ? "ses" : isProduction ? "ses" : "mailbox"),
      from: read("email.from") ?? linkedSenderAddress(linked) ?? local("ApexShare <no-reply@apexshare.local>"),
      region: read("email.region") ?? "us-east-1",
      sesEndpoint: read("email.sesEndpoint"),
      // SES configuration set that publishes bounces/complaints (linked from sst.aws.Email).
      configurationSet: read("email.configurationSet"),
    },
    uploads: {
      maxBytes: read("uploads.maxBytes") ?? 20 * GB,
      partUrlTtlSeconds: read("uploads.partUrlTtlSeconds") ?? 900,
      minPartBytes: read("uploads.minPartBytes") ?? 8 * 1024 * 1024,
    },
    retentionDays: read("retentionDays") ?? 30,
    maxRetentionDays: read("maxRetentionDays") ?? 90,
    shareExpiryDays: read("shareExpiryDays") ?? 14,
    cronSecret: read("cronSecret") ?? localSecretIn("cron"),
    rateLimitScale: read("rateLimitScale") ?? 1,
    // On Lambda the app sits behind CloudFront; elsewhere the socket peer is the client.
    trustProxy: read("trustProxy") ?? (env.AWS_LAMBDA_FUNCTION_NAME ? "cloudfront" : "none"),
  };

  // reportInput: zod 4 leaves `input` out of issues otherwise, and every problem would read "is required".
  const parsed = configSchema.safeParse(raw, { reportInput: true });
  const problems = [...(isProduction ? productionIssues(raw) : []), ...(parsed.success ? [] : problemsOf(parsed.error))];
  if (!parsed.success || problems.length) fail(problems, isProduction);
  return parsed.data;
}

/** Linked resources through SST's SDK (env vars or its encrypted key file); `{}` outside SST. */
function sstResources(): LinkedResources {
  const out: LinkedResources = {};
  const linked = Resource as unknown as LinkedResources;
  // Email's sender and the Neon URL are read from the links directly (see resolveConfig / rawDatabase).
  const names = new Set([
    ...Object.values(SETTINGS as Record<string, Setting>).flatMap((s) => (s.linked ? [s.linked[0]] : [])),
    "Email",
    "NeonDatabaseUrl",
    "SweepSignals",
  ]);
  for (const name of names) if (name in linked) out[name] = linked[name];
  return out;
}

let cached: Config | undefined;

export function getConfig(): Config {
  cached ??= resolveConfig(process.env, sstResources());
  return cached;
}

/** The database alone, for functions that link nothing else (migrator, email-event subscriber). */
export function getDatabaseConfig(): DatabaseConfig {
  return resolveDatabaseConfig(process.env, sstResources());
}

/** The sweep function's settings alone. */
export function getSweepConfig(): SweepConfig {
  return resolveSweepConfig(process.env, sstResources());
}

/** For tests that change the environment between cases. */
export function resetConfigForTests() {
  cached = undefined;
}
