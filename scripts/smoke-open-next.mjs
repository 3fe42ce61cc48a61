// Smoke test of the Lambda artifact `sst deploy` ships: imports the OpenNext
// server handler and invokes it with Lambda Function URL events, in production
// mode, against the real local PostgreSQL, a local S3 server and a local SES
// endpoint. Run after `OPEN_NEXT_LOCAL=1 npx open-next build`.
// Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node scripts/smoke-open-next.mjs
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { startLocalS3 } from "./local-s3.mjs";
import { startTcpProxy } from "./lib/tcp-proxy.mjs";
import { functionDir, functionUrlEvent, importHandler, invoke as invokeHandler, productionEnv } from "./open-next-lambda.mjs";
import { createScratchDatabase } from "./scratch-database.mjs";

const root = process.cwd();
const adminUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const APP = "https://apexshare.example.com";
let failures = 0;
const check = (name, ok, detail = "") => {
  console.log(`${ok ? "ok  " : "FAIL"} ${name}${detail ? ` — ${detail}` : ""}`);
  if (!ok) failures++;
};

// Real Postgres: a fresh database for this run, reached through a proxy that can "pause" it like Aurora.
const database = await createScratchDatabase(adminUrl, "apex_smoke");
const admin = new URL(adminUrl);
const pausable = await startTcpProxy({ host: admin.hostname, port: Number(admin.port || 5432) });
const databaseUrl = Object.assign(new URL(database.url), { hostname: "127.0.0.1", port: String(pausable.port) }).toString();

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

const env = productionEnv({
  name: "smoke",
  appUrl: APP,
  databaseUrl,
  s3Endpoint: s3.endpoint,
  bucket: "apex-smoke",
  sesEndpoint: `http://127.0.0.1:${ses.address().port}`,
});
const PASSWORD = "smoke-trainer-password-1";
try {
  // What a deploy does first: migrations, then the first trainer (the documented script).
  const run = (script, extra = {}) =>
    execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", script, ...(extra.args ?? [])], {
      // Straight to the database: this process blocks while they run, so its pausable proxy cannot forward.
      env: { ...process.env, ...env, DATABASE_URL: database.url, ...extra.env },
      stdio: "pipe",
    }).toString();
  run("scripts/migrate.ts");
  run("scripts/create-trainer.ts", { args: ["--email", "coach@example.com", "--name", "Coach"], env: { TRAINER_PASSWORD: PASSWORD } });

  Object.assign(process.env, env);
  const fnDir = functionDir(root);
  const { handler, importMs } = await importHandler(fnDir);

  const jar = new Map();
  async function invoke(method, pathAndQuery, { body, headers = {} } = {}) {
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
    const res = await invokeHandler(
      handler,
      functionUrlEvent({ appUrl: APP, method, path: pathAndQuery, headers, cookie, body, userAgent: "smoke" }),
    );
    for (const c of res.cookies) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
    return { ...res, json: () => JSON.parse(res.text) };
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
  check(
    "trainer signs in (302 + session cookie)",
    login.status === 302 && !!sessionCookie,
    `status ${login.status}, location ${login.headers.location}`,
  );

  const bad = await invoke("POST", "/api/auth/callback/password", {
    body: new URLSearchParams({ email: "coach@example.com", password: "wrong", csrfToken, callbackUrl: `${APP}/trainer` }).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
  check(
    "a wrong password does not sign in",
    bad.status === 302 && /error=CredentialsSignin/.test(String(bad.headers.location)),
    String(bad.headers.location),
  );

  const dash = await invoke("GET", "/trainer");
  check("trainer dashboard renders", dash.status === 200 && /Your sessions/.test(dash.text), `status ${dash.status}`);

  const size = 6 * 1024 * 1024 + 123;
  const created = await invoke("POST", "/api/uploads", {
    headers: { "content-type": "application/json" },
    body: { fileName: "smoke.mp4", size, contentType: "video/mp4", sessionDate: "2026-11-20", students: [{ email: "rider@example.com" }] },
  });
  check("create an upload (201)", created.status === 201, created.text.slice(0, 160));
  const up = created.json();
  const signed = await invoke("POST", `/api/uploads/${up.videoId}/parts`, {
    headers: { "content-type": "application/json" },
    body: { partNumbers: [1] },
  });
  const part = signed.status === 200 ? signed.json().parts[0] : null;
  check(
    "sign a part (200, presigned URL for the S3 endpoint)",
    !!part && part.url.startsWith(s3.endpoint) && part.url.includes("partNumber=1"),
    signed.text.slice(0, 160),
  );
  const badPart = await invoke("POST", `/api/uploads/${up.videoId}/parts`, {
    headers: { "content-type": "application/json" },
    body: { partNumbers: [99] },
  });
  check("an out-of-range part is a 400 with a message", badPart.status === 400 && /out of range/.test(badPart.text), badPart.text);
  const malformed = await invoke("POST", "/api/uploads", { headers: { "content-type": "application/json" }, body: "{not json" });
  check("malformed JSON is a 400", malformed.status === 400, malformed.text);

  // Request-level answers that must not depend on `next start` (its request guard does not run on Lambda).
  for (const p of ["/d/%ff", "/api/videos/%ff", "/student/videos/%ff", "/d/%ff/download", "/api/shares/%E0%A4%A/revoke"]) {
    const r = await invoke(p.includes("revoke") ? "POST" : "GET", p);
    check(`malformed %-escape ${p} is a 400/404, not a 5xx`, r.status === 400 || r.status === 404, `status ${r.status}`);
  }
  const dead = await invoke("GET", `/d/${"A".repeat(43)}`);
  check(
    "a dead student link is a 404 with the friendly page",
    dead.status === 404 && /no longer available/.test(dead.text),
    `status ${dead.status}`,
  );
  // The link page's module ships with the static assets (immutable, content-hashed), and the server names that very file.
  const apexDir = path.join(root, ".open-next", "assets", "_next", "static", "apex");
  const modules = existsSync(apexDir) ? readdirSync(apexDir).filter((f) => /^student-page-[0-9a-f]{16}\.js$/.test(f)) : [];
  const moduleHashOk =
    modules.length === 1 &&
    createHash("sha256")
      .update(readFileSync(path.join(apexDir, modules[0])))
      .digest("hex")
      .startsWith(modules[0].slice("student-page-".length, -3));
  const serverNames = (dir) =>
    readdirSync(dir, { recursive: true }).some(
      (f) => String(f).endsWith(".js") && readFileSync(path.join(dir, String(f)), "utf8").includes(`/_next/static/apex/${modules[0]}`),
    );
  check(
    "the link page's module is in the static assets under its content hash, and the server function loads that file",
    moduleHashOk && serverNames(path.join(fnDir, ".next", "server")),
    modules.join(", ") || "none in .open-next/assets/_next/static/apex",
  );
  // One viewer address (CloudFront's header: TRUST_PROXY defaults to cloudfront on Lambda) past the per-network link limit.
  let limited;
  for (let i = 0; i < 700 && limited?.status !== 429; i++)
    limited = await invoke("GET", `/d/${"B".repeat(43)}`, { headers: { "cloudfront-viewer-address": "203.0.113.77:4444" } });
  check(
    "a rate-limited student link page is a 429 with Retry-After and a page that says why",
    limited.status === 429 && Number(limited.headers["retry-after"]) > 0 && /Too many video link requests/.test(limited.text),
    `status ${limited.status}`,
  );
  const otherViewer = await invoke("GET", `/d/${"B".repeat(43)}`, { headers: { "cloudfront-viewer-address": "203.0.113.78:4444" } });
  check("another viewer address is not limited", otherViewer.status === 404, `status ${otherViewer.status}`);

  // The first student after Aurora paused: the self-reloading waking page, not a blank wait; then the site.
  pausable.pause();
  globalThis.__apexDbAnsweredAt = undefined; // its last answer was minutes ago (Aurora pauses after 5 idle minutes)
  const retryAfter = (res) => Object.entries(res.headers).find(([k]) => k.toLowerCase() === "retry-after")?.[1];
  const waking = await invoke("GET", "/");
  check(
    'a paused database: a page answers the "waking up" page (503, Retry-After, reloads itself)',
    waking.status === 503 &&
      retryAfter(waking) === "5" &&
      /ApexShare is waking up/.test(waking.text) &&
      /http-equiv="refresh"/.test(waking.text),
    `status ${waking.status}`,
  );
  const apiWaking = await invoke("GET", "/api/health");
  check(
    "a paused database: the API answers 503 + Retry-After",
    apiWaking.status === 503 && retryAfter(apiWaking) === "5",
    `status ${apiWaking.status}`,
  );
  pausable.resume();
  const awake = await invoke("GET", "/");
  check("once it has resumed, the page loads", awake.status === 200, `status ${awake.status}`);

  console.log(`\ncold start: import ${importMs.toFixed(0)} ms, first request ${firstMs.toFixed(0)} ms`);
} finally {
  process.chdir(root);
  // Close the handler's pool before dropping its database.
  await (await globalThis.__apexDb)?.close().catch(() => {});
  await pausable.close();
  await s3.close();
  ses.close();
  rmSync(s3Dir, { recursive: true, force: true });
  await database.drop().catch(() => {});
}
if (failures) {
  console.error(`\n${failures} smoke check(s) failed`);
  process.exit(1);
}
console.log("\nOpenNext artifact smoke test passed");
process.exit(0);
