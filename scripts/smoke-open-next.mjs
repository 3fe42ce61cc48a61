// Smoke test of the Lambda artifact `sst deploy` ships: imports the OpenNext
// server handler and invokes it with Lambda Function URL events, in production
// mode, against the real local PostgreSQL, a local S3 server and a local SES
// endpoint. Run after `OPEN_NEXT_LOCAL=1 npx open-next build`.
// Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node scripts/smoke-open-next.mjs
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { startLocalS3 } from "./local-s3.mjs";

const root = process.cwd();
const fnDir = path.join(root, ".open-next", "server-functions", "default");
const adminUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const dbName = `apex_smoke_${Date.now()}`;
const APP = "https://apexshare.example.com";
let failures = 0;
const check = (name, ok, detail = "") => {
  console.log(`${ok ? "ok  " : "FAIL"} ${name}${detail ? ` — ${detail}` : ""}`);
  if (!ok) failures++;
};

// Real Postgres: a fresh database for this run.
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`create database ${dbName}`);
const dbUrl = new URL(adminUrl);
dbUrl.pathname = `/${dbName}`;

const s3Dir = mkdtempSync(path.join(tmpdir(), "apex-smoke-s3-"));
const s3 = await startLocalS3({ port: 0, bucket: "apex-smoke", directory: s3Dir, origins: [APP] });
const ses = http.createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ MessageId: "smoke" }));
  });
});
await new Promise((r) => ses.listen(0, "127.0.0.1", r));

const env = {
  APP_ENV: "production",
  APP_URL: APP,
  AUTH_SECRET: "smoke-auth-secret-".padEnd(48, "x"),
  DATABASE_URL: dbUrl.toString(),
  S3_BUCKET: "apex-smoke",
  S3_ENDPOINT: s3.endpoint,
  // s3rver accepts only its own key pair (it does not check signatures).
  S3_ACCESS_KEY_ID: "S3RVER",
  S3_SECRET_ACCESS_KEY: "S3RVER",
  EMAIL_FROM: "ApexShare <videos@example.com>",
  SES_ENDPOINT: `http://127.0.0.1:${ses.address().port}`,
  AWS_ACCESS_KEY_ID: "smoke",
  AWS_SECRET_ACCESS_KEY: "smoke",
  AWS_REGION: "us-east-1",
  EMAIL_WEBHOOK_SECRET: "smoke-webhook-secret-0123456789",
  CRON_SECRET: "smoke-cron-secret-0123456789",
  NEXT_TELEMETRY_DISABLED: "1",
};
const PASSWORD = "smoke-trainer-password-1";
try {
  // What a deploy does first: migrations, then the first trainer (the documented script).
  const run = (script, extra = {}) =>
    execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", script, ...(extra.args ?? [])], {
      env: { ...process.env, ...env, ...extra.env },
      stdio: "pipe",
    }).toString();
  run("scripts/migrate.ts");
  run("scripts/create-trainer.ts", { args: ["--email", "coach@example.com", "--name", "Coach"], env: { TRAINER_PASSWORD: PASSWORD } });

  Object.assign(process.env, env);
  process.chdir(fnDir);
  const t0 = performance.now();
  const { handler } = await import(path.join(fnDir, "index.mjs"));
  const importMs = performance.now() - t0;

  const jar = new Map();
  async function invoke(method, pathAndQuery, { body, headers = {} } = {}) {
    const [rawPath, rawQueryString = ""] = pathAndQuery.split("?");
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
    const event = {
      version: "2.0",
      routeKey: "$default",
      rawPath,
      rawQueryString,
      cookies: cookie ? cookie.split("; ") : undefined,
      headers: { host: new URL(APP).host, "x-forwarded-proto": "https", ...(cookie ? { cookie } : {}), ...headers },
      requestContext: { http: { method, path: rawPath, protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "smoke" }, domainName: new URL(APP).host, timeEpoch: Date.now() },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
      isBase64Encoded: false,
    };
    const res = await handler(event, { getRemainingTimeInMillis: () => 30_000, functionName: "smoke", awsRequestId: "smoke" });
    for (const c of res.cookies ?? []) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
    const text = res.isBase64Encoded ? Buffer.from(res.body ?? "", "base64").toString("utf8") : (res.body ?? "");
    return { status: res.statusCode, headers: res.headers ?? {}, text, json: () => JSON.parse(text) };
  }

  const t1 = performance.now();
  const landing = await invoke("GET", "/");
  const firstMs = performance.now() - t1;
  check("landing page is 200 HTML", landing.status === 200 && /ApexShare/.test(landing.text), `status ${landing.status}`);

  const health = await invoke("GET", "/api/health");
  check("/api/health is 200 with database and storage ok", health.status === 200 && health.json().ok === true, health.text.slice(0, 120));

  const anon = await invoke("POST", "/api/uploads", { body: {}, headers: { "content-type": "application/json" } });
  check("an anonymous upload is refused with 401", anon.status === 401, `status ${anon.status}`);

  const csrf = await invoke("GET", "/api/auth/csrf");
  const { csrfToken } = csrf.json();
  const login = await invoke("POST", "/api/auth/callback/password", {
    body: new URLSearchParams({ email: "coach@example.com", password: PASSWORD, csrfToken, callbackUrl: `${APP}/trainer` }).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
  const sessionCookie = [...jar.keys()].find((k) => k.includes("session-token"));
  check("trainer signs in (302 + session cookie)", login.status === 302 && !!sessionCookie, `status ${login.status}, location ${login.headers.location}`);

  const bad = await invoke("POST", "/api/auth/callback/password", {
    body: new URLSearchParams({ email: "coach@example.com", password: "wrong", csrfToken, callbackUrl: `${APP}/trainer` }).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
  check("a wrong password does not sign in", bad.status === 302 && /error=CredentialsSignin/.test(String(bad.headers.location)), String(bad.headers.location));

  const dash = await invoke("GET", "/trainer");
  check("trainer dashboard renders", dash.status === 200 && /Your uploads/.test(dash.text), `status ${dash.status}`);

  const size = 6 * 1024 * 1024 + 123;
  const created = await invoke("POST", "/api/uploads", {
    headers: { "content-type": "application/json" },
    body: { fileName: "smoke.mp4", size, contentType: "video/mp4", sessionDate: "2026-11-20", students: [{ email: "rider@example.com" }] },
  });
  check("create an upload (201)", created.status === 201, created.text.slice(0, 160));
  const up = created.json();
  const signed = await invoke("POST", `/api/uploads/${up.videoId}/parts`, { headers: { "content-type": "application/json" }, body: { partNumbers: [1] } });
  const part = signed.status === 200 ? signed.json().parts[0] : null;
  check("sign a part (200, presigned URL for the S3 endpoint)", !!part && part.url.startsWith(s3.endpoint) && part.url.includes("partNumber=1"), signed.text.slice(0, 160));
  const badPart = await invoke("POST", `/api/uploads/${up.videoId}/parts`, { headers: { "content-type": "application/json" }, body: { partNumbers: [99] } });
  check("an out-of-range part is a 400 with a message", badPart.status === 400 && /out of range/.test(badPart.text), badPart.text);
  const malformed = await invoke("POST", "/api/uploads", { headers: { "content-type": "application/json" }, body: "{not json" });
  check("malformed JSON is a 400", malformed.status === 400, malformed.text);

  console.log(`\ncold start: import ${importMs.toFixed(0)} ms, first request ${firstMs.toFixed(0)} ms`);
} finally {
  process.chdir(root);
  // Close the handler's pool before dropping its database.
  await (await globalThis.__apexDb)?.close().catch(() => {});
  await s3.close();
  ses.close();
  rmSync(s3Dir, { recursive: true, force: true });
  await admin.query(`drop database if exists ${dbName} with (force)`).catch(() => {});
  await admin.end();
}
if (failures) {
  console.error(`\n${failures} smoke check(s) failed`);
  process.exit(1);
}
console.log("\nOpenNext artifact smoke test passed");
process.exit(0);
