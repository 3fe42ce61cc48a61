// API, page-weight, Lighthouse and cold-start benchmark of the production build.
// Usage: node bench/api.mjs [--duration 30] [--connections 100] [--low-connections 20] [--rss-seconds 60]
//          [--only api,weight,lighthouse,cold] [--lighthouse-runs 3] [--lighthouse-json DIR] [--cpu-prof DIR]
//          [--server-heap-mib N]
//
// One run: a fresh PostgreSQL database (postgres://postgres@127.0.0.1:5432, or
// BENCH_ADMIN_DATABASE_URL), s3rver on :4640, `next start` on :3400 (builds first
// when .next/BUILD_ID is missing), then
//   1. API          autocannon against sign-a-part, the student download redirect and /api/ping
//   2. Page weight  first-load JS of the landing, student and trainer upload pages
//   3. Lighthouse   mobile preset, Debian Chromium, landing + student page
//   4. Cold start   the OpenNext server function imported and invoked in a fresh Node process
//   5. Lifecycle    one upload at a time as the upload page makes it (session, create, sign, record,
//                   complete, close the upload action): the server's CPU per request
// Targets are printed as PASS/MISS; a MISS never fails the process. Everything it
// starts (server, s3rver, Chromium, databases, temp dirs) is removed on exit.
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import httpModule from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { originsFor, startLocalS3 } from "../scripts/local-s3.mjs";
import { functionDir, functionUrlEvent, importHandler, invoke, productionEnv } from "../scripts/open-next-lambda.mjs";
import { createScratchDatabase } from "../scripts/scratch-database.mjs";
import { cpuMsOf, groupCpuMs, groupRssBytes } from "./kit/proc.mjs";
import {
  atCleanup,
  CHROMIUM_FLAGS,
  chromiumPath,
  demoTrainer,
  ensureNextBuild,
  note,
  requireFreePorts,
  ROOT,
  runBench,
  runChild,
  runLogged,
  sleep,
  startService,
} from "./kit/processes.mjs";
import { lighthouseRuns, pageWeight } from "./kit/pages.mjs";
import { fmt, kB, machineLine, table, verdict } from "./kit/report.mjs";

const FN_DIR = functionDir(ROOT);
const COLD_APP = "https://apexshare.example.com";

// ── Cold-start child: `node bench/api.mjs --cold-child` (env prepared by the parent) ──
if (process.argv.includes("--cold-child")) {
  const { handler, importMs } = await importHandler(FN_DIR);
  const get = async (rawPath) => {
    const t = performance.now();
    const res = await invoke(handler, functionUrlEvent({ appUrl: COLD_APP, path: rawPath, userAgent: "bench" }));
    return { ms: performance.now() - t, status: res.status, body: res.status === 200 ? undefined : res.text.slice(0, 300) };
  };
  const landing = await get("/");
  const health = await get("/api/health");
  await (await globalThis.__apexDb)?.close().catch(() => {});
  process.stdout.write(`\n__COLD__${JSON.stringify({ importMs, landing, health })}\n`);
  process.exit(0);
}

// ── Options ──────────────────────────────────────────────────────────────────
function option(name, fallback) {
  const i = process.argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return fallback;
  const v = process.argv[i].includes("=") ? process.argv[i].split("=")[1] : process.argv[i + 1];
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} needs a positive number, got ${v}`);
  return n;
}
const DURATION = option("duration", 30);
const CONNECTIONS = option("connections", 100);
const LOW_CONNECTIONS = option("low-connections", 20); // the seed's "20 concurrent users"
const RSS_SECONDS = option("rss-seconds", 60);
const SECTIONS = ["api", "weight", "lighthouse", "cold", "lifecycle"];
const onlyArg = process.argv.find((a, i) => process.argv[i - 1] === "--only" || a.startsWith("--only="));
const ONLY = new Set((onlyArg?.replace(/^--only=/, "") ?? SECTIONS.join(",")).split(","));
for (const s of ONLY) if (!SECTIONS.includes(s)) throw new Error(`--only takes ${SECTIONS.join(",")}; got ${s}`);
const LH_JSON_DIR = (() => {
  const i = process.argv.findIndex((a) => a === "--lighthouse-json" || a.startsWith("--lighthouse-json="));
  return i < 0 ? null : path.resolve(process.argv[i].includes("=") ? process.argv[i].split("=")[1] : process.argv[i + 1]);
})();
const LH_RUNS = option("lighthouse-runs", 3);
const LIFECYCLE_RUNS = option("lifecycle-runs", 30);
// --server-heap-mib N: the app server with V8's old space capped at N MiB (--max-old-space-size), to see
// how much of its RSS under load is V8 growing its heap lazily rather than memory the requests hold.
const SERVER_HEAP_MIB = process.argv.some((a) => a.startsWith("--server-heap-mib")) ? option("server-heap-mib", 0) : null;
// --cpu-prof DIR: the app server writes a V8 CPU profile there when it stops (open it in Chrome DevTools).
const CPU_PROF_DIR = (() => {
  const i = process.argv.findIndex((a) => a === "--cpu-prof" || a.startsWith("--cpu-prof="));
  return i < 0 ? null : path.resolve(process.argv[i].includes("=") ? process.argv[i].split("=")[1] : process.argv[i + 1]);
})();
const WARMUP_SECONDS = 3;
// Other ports with --app-port / --s3-port (two checkouts benchmarking side by side).
const APP_PORT = option("app-port", 3400);
const S3_PORT = option("s3-port", 4640);
const BASE = `http://localhost:${APP_PORT}`;
const LIGHTHOUSE_VERSION = JSON.parse(readFileSync(path.join(ROOT, "node_modules", "lighthouse", "package.json"), "utf8")).version;
const ADMIN_URL = process.env.BENCH_ADMIN_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const CHROMIUM = chromiumPath();
const CHROME_FLAGS = ["--headless=new", ...CHROMIUM_FLAGS];
const STUDENT = "bench.rider@example.com";

process.chdir(ROOT);

const log = (...a) => console.log(...a);

function dirBytes(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) total += lstatSync(path.join(entry.parentPath ?? entry.path, entry.name)).size;
  }
  return total;
}

// ── HTTP with a small cookie jar ─────────────────────────────────────────────
class Jar {
  cookies = new Map();
  take(res) {
    for (const c of res.headers.getSetCookie?.() ?? []) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1);
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(c) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  get header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

async function http(method, url, { jar, json, form, body, headers = {} } = {}) {
  const h = { ...headers };
  if (jar?.cookies.size) h.cookie = jar.header;
  let payload = body;
  if (json !== undefined) {
    h["content-type"] = "application/json";
    payload = JSON.stringify(json);
  } else if (form) {
    h["content-type"] = "application/x-www-form-urlencoded";
    payload = new URLSearchParams(form).toString();
  }
  const res = await fetch(url.startsWith("http") ? url : BASE + url, { method, headers: h, body: payload, redirect: "manual" });
  jar?.take(res);
  return res;
}

async function expectStatus(res, status, what) {
  if (res.status !== status) throw new Error(`${what}: expected ${status}, got ${res.status} ${(await res.text()).slice(0, 300)}`);
  return res;
}

// ── Setup ────────────────────────────────────────────────────────────────────
const tmp = mkdtempSync(path.join(os.tmpdir(), "apex-bench-api-"));
atCleanup(() => rmSync(tmp, { recursive: true, force: true }));

let server; // the next start process group
let database; // the app's scratch database

async function main() {
  log("ApexShare API benchmark (bench/api.mjs)");
  log(machineLine());
  if (ONLY.has("api")) {
    log(
      `Run: ${CONNECTIONS} connections × ${DURATION} s per route (after a ${WARMUP_SECONDS} s warm-up), autocannon on loopback, next start + PostgreSQL + s3rver`,
    );
    log(
      `Note: the server runs with RATE_LIMIT_SCALE=1000000 — a load test from one address would otherwise hit the per-IP limits (the limiter's database writes still happen on every request).`,
    );
  }

  await requireFreePorts([APP_PORT, S3_PORT]);
  await ensureNextBuild(tmp);

  database = await createScratchDatabase(ADMIN_URL, "apex_bench_api");
  atCleanup(() => database.drop());

  // Local S3.
  const s3 = await startLocalS3({ port: S3_PORT, directory: path.join(tmp, "s3"), origins: originsFor(BASE) });
  atCleanup(() => s3.close());

  // The app.
  const dataDir = path.join(tmp, "data");
  const env = {
    ...process.env,
    NODE_ENV: "production",
    APP_ENV: "local",
    APP_URL: BASE,
    AUTH_URL: BASE,
    DATABASE_URL: database.url,
    S3_ENDPOINT: s3.endpoint,
    APEX_DATA_DIR: dataDir,
    RATE_LIMIT_SCALE: "1000000",
    NEXT_TELEMETRY_DISABLED: "1",
    ...(SERVER_HEAP_MIB ? { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --max-old-space-size=${SERVER_HEAP_MIB}`.trim() } : {}),
  };
  const pageSections = ["api", "weight", "lighthouse"].filter((s) => ONLY.has(s));
  if (pageSections.length) await appSections(env, dataDir, pageSections);
  // Without the local media worker: in AWS, MediaConvert makes the renditions, not the server function, and
  // the worker's ffmpeg work on one upload would land in the next one's count.
  if (ONLY.has("lifecycle")) await appSections({ ...env, MEDIA_WORKER: "off" }, dataDir, ["lifecycle"]);
  if (ONLY.has("cold")) await coldStart(s3);
}

async function appSections(env, dataDir, sections) {
  const profile = CPU_PROF_DIR ? ["--cpu-prof", `--cpu-prof-dir=${CPU_PROF_DIR}`] : [];
  server = await startService("next start", [...profile, "node_modules/next/dist/bin/next", "start", "-p", String(APP_PORT)], {
    env,
    readyUrl: `${BASE}/api/ping`,
    timeoutMs: 90_000,
  });
  const creds = await demoTrainer(dataDir);

  // Sign in (Auth.js credentials flow).
  const jar = new Jar();
  const { csrfToken } = await (await expectStatus(await http("GET", "/api/auth/csrf", { jar }), 200, "csrf")).json();
  const login = await http("POST", "/api/auth/callback/password", {
    jar,
    form: { email: creds.email, password: creds.password, csrfToken, callbackUrl: `${BASE}/trainer` },
  });
  const sessionCookie = [...jar.cookies.keys()].find((k) => k.includes("session-token"));
  if (login.status !== 302 || !sessionCookie || /error=/.test(login.headers.get("location") ?? ""))
    throw new Error(`sign-in failed: ${login.status} ${login.headers.get("location")}`);

  // An upload left open (for sign-a-part) and a completed one shared with a student.
  const today = new Date().toISOString().slice(0, 10);
  const createUpload = async (fileName, size) => {
    const res = await expectStatus(
      await http("POST", "/api/uploads", {
        jar,
        json: {
          fileName,
          size,
          contentType: "video/mp4",
          title: fileName.replace(/\.mp4$/, ""),
          sessionDate: today,
          students: [{ email: STUDENT }],
        },
      }),
      201,
      "create upload",
    );
    return (await res.json()).videoId;
  };
  const openUpload = await createUpload("bench-open.mp4", 1500);

  const fixture = path.join(ROOT, "e2e", "fixtures", "session.mp4");
  const bytes = existsSync(fixture) ? readFileSync(fixture) : Buffer.alloc(2000);
  const sharedVideo = await createUpload("bench-shared.mp4", bytes.length);
  const { parts } = await (
    await expectStatus(await http("POST", `/api/uploads/${sharedVideo}/parts`, { jar, json: { partNumbers: [1] } }), 200, "sign part")
  ).json();
  const put = await fetch(parts[0].url, { method: "PUT", body: bytes });
  if (put.status !== 200) throw new Error(`S3 PUT: ${put.status}`);
  await expectStatus(
    await http("PUT", `/api/uploads/${sharedVideo}/parts`, {
      jar,
      json: { parts: [{ partNumber: 1, etag: put.headers.get("etag"), size: bytes.length }] },
    }),
    200,
    "record part",
  );
  await expectStatus(await http("POST", `/api/uploads/${sharedVideo}/complete`, { jar }), 200, "complete");
  if (sections.includes("lifecycle")) await lifecycleSection(jar, bytes, today);
  if (sections.every((s) => s === "lifecycle")) return server.stop();

  // The student's link, from the dev mailbox.
  const db = new pg.Client({ connectionString: database.url });
  await db.connect();
  let token;
  try {
    for (let i = 0; i < 60 && !token; i++) {
      const { rows } = await db.query(`select "text" from dev_mailbox where "to" = $1 order by received_at desc`, [STUDENT]);
      for (const r of rows) token ??= /\/d\/([A-Za-z0-9_-]{20,})/.exec(r.text)?.[1];
      if (!token) await sleep(500);
    }
  } finally {
    await db.end();
  }
  if (!token) throw new Error("no /d/ link reached the dev mailbox");
  const studentPath = `/d/${token}`;
  await expectStatus(await http("GET", `${studentPath}/download`), 303, "student download redirect");

  // ── 1. API ──
  if (sections.includes("api")) await apiSection(jar, openUpload, studentPath);
  if (sections.includes("weight")) await weightSection(jar, studentPath);
  if (sections.includes("lighthouse")) await lighthouseSection(studentPath);
  // The load and page tests are done: stop the app so the cold start runs on a quieter machine.
  await server.stop();
}

async function apiSection(jar, openUpload, studentPath) {
  const { default: autocannon } = await import("autocannon");
  const routes = [
    {
      key: "a",
      name: "sign a part",
      method: "POST",
      path: `/api/uploads/${openUpload}/parts`,
      display: "POST /api/uploads/<id>/parts",
      headers: { cookie: jar.header, "content-type": "application/json" },
      body: JSON.stringify({ partNumbers: [1] }),
      ok: 200,
    },
    {
      key: "b",
      name: "download redirect",
      method: "GET",
      path: `${studentPath}/download`,
      display: "GET /d/<token>/download",
      headers: {},
      ok: 303,
    },
    { key: "c", name: "bare route", method: "GET", path: "/api/ping", display: "GET /api/ping", headers: {}, ok: 200 },
  ];
  for (const r of routes) {
    const probe = await http(r.method, r.path, { headers: r.headers, body: r.body });
    await probe.arrayBuffer();
    if (probe.status !== r.ok) throw new Error(`${r.display}: expected ${r.ok} before the load test, got ${probe.status}`);
  }
  // autocannon never follows redirects; 3xx are counted apart from 4xx/5xx and
  // (excludeErrorStats: false) their latencies are recorded like 2xx.
  const cannon = (r, opts) =>
    autocannon({ url: BASE + r.path, method: r.method, headers: r.headers, body: r.body, timeout: 10, excludeErrorStats: false, ...opts });
  for (const r of routes) {
    note(
      `API (${r.key}) ${r.display}: warm-up ${WARMUP_SECONDS} s, then ${DURATION} s × ${CONNECTIONS} connections, then 300 requests one at a time`,
    );
    await cannon(r, { connections: CONNECTIONS, duration: WARMUP_SECONDS });
    await sleep(1000);
    const cpu0 = groupCpuMs(server.pid);
    r.result = await cannon(r, { connections: CONNECTIONS, duration: DURATION });
    r.load = os.loadavg()[0];
    await sleep(2000); // let after() work (event rows) drain; counted in the CPU below
    const cpu1 = groupCpuMs(server.pid);
    r.cpuPerReq = cpu0 == null || cpu1 == null ? null : (cpu1 - cpu0) / Math.max(1, r.result.requests.total);
    r.single = await serialLatency(r, 300);
    await sleep(1000);
    note(`API (${r.key}) ${r.display}: ${DURATION} s × ${LOW_CONNECTIONS} connections`);
    r.low = await cannon(r, { connections: LOW_CONNECTIONS, duration: DURATION });
    await sleep(1000);
  }
  // Memory under sustained load: both real routes at once, half the connections each, then the server's RSS.
  const [a, b] = routes;
  note(`API RSS: ${RSS_SECONDS} s × ${CONNECTIONS} connections (${a.display} and ${b.display}, half each), then the server's RSS`);
  const rssBefore = groupRssBytes(server.pid);
  const half = Math.max(1, Math.floor(CONNECTIONS / 2));
  const mixed = await Promise.all([
    cannon(a, { connections: half, duration: RSS_SECONDS }),
    cannon(b, { connections: CONNECTIONS - half, duration: RSS_SECONDS }),
  ]);
  const rssAfter = groupRssBytes(server.pid);
  const ping = routes.find((r) => r.key === "c").result;
  const rps = (res) => res.requests.average;
  table(
    `1. API — ${CONNECTIONS} connections × ${DURATION} s each, loopback (targets: p99 < 50 ms, throughput ≥ 0.5 × /api/ping)`,
    [
      "route",
      "expect",
      "p50 ms",
      "p99 ms",
      "p99 target",
      "req/s",
      "requests",
      "non-2xx/3xx",
      "errors",
      "÷ ping",
      "ratio target",
      "1-conn p50/p99 ms",
      "server CPU ms/req",
      "load 1m",
    ],
    routes.map((r) => {
      const x = r.result;
      const bad = (x["1xx"] ?? 0) + (x["4xx"] ?? 0) + (x["5xx"] ?? 0);
      const unexpected = Object.keys(x.statusCodeStats).filter((s) => Number(s) !== r.ok);
      const ratio = rps(x) / rps(ping);
      return [
        `(${r.key}) ${r.display}`,
        `${r.ok}${unexpected.length ? ` (also ${unexpected.join(",")})` : ""}`,
        fmt(x.latency.p50, 1),
        fmt(x.latency.p99, 1),
        verdict(x.latency.p99 < 50),
        fmt(rps(x)),
        fmt(x.requests.total),
        fmt(bad),
        fmt(x.errors + x.timeouts),
        fmt(ratio, 2),
        r.key === "c" ? "(baseline)" : verdict(ratio >= 0.5),
        `${fmt(r.single.p50, 1)} / ${fmt(r.single.p99, 1)}`,
        fmt(r.cpuPerReq, 2),
        r.load.toFixed(2),
      ];
    }),
  );
  table(
    `1b. API — ${LOW_CONNECTIONS} connections × ${DURATION} s each (target: p99 < 50 ms)`,
    ["route", "p50 ms", "p99 ms", "p99 target", "req/s", "requests", "non-2xx/3xx", "errors", "÷ ping"],
    routes.map((r) => {
      const x = r.low;
      const bad = (x["1xx"] ?? 0) + (x["4xx"] ?? 0) + (x["5xx"] ?? 0);
      return [
        `(${r.key}) ${r.display}`,
        fmt(x.latency.p50, 1),
        fmt(x.latency.p99, 1),
        r.key === "c" ? "(baseline)" : verdict(x.latency.p99 < 50),
        fmt(rps(x)),
        fmt(x.requests.total),
        fmt(bad),
        fmt(x.errors + x.timeouts),
        fmt(rps(x) / rps(routes.find((q) => q.key === "c").low), 2),
      ];
    }),
  );
  const mib = (bytes) => (bytes == null ? null : bytes / 2 ** 20);
  table(
    `1c. API — server RSS after ${RSS_SECONDS} s at ${CONNECTIONS} connections (target: ≤ 300 MB)${SERVER_HEAP_MIB ? ` — V8 old space capped at ${SERVER_HEAP_MIB} MiB` : ""}`,
    ["load", "req/s (sum)", "errors", "RSS before MiB", "RSS after MiB", "target"],
    [
      [
        `(${a.key}) + (${b.key}), ${half} + ${CONNECTIONS - half} connections`,
        fmt(rps(mixed[0]) + rps(mixed[1])),
        fmt(mixed.reduce((n, x) => n + x.errors + x.timeouts + (x["4xx"] ?? 0) + (x["5xx"] ?? 0), 0)),
        fmt(mib(rssBefore), 1),
        fmt(mib(rssAfter), 1),
        rssAfter == null ? "–" : verdict(rssAfter <= 300 * 1e6),
      ],
    ],
  );
  log(
    `   closed loop: mean latency ≈ connections ÷ req/s (Little's law) — ${routes.map((r) => `(${r.key}) ${fmt((CONNECTIONS / rps(r.result)) * 1000)} ms`).join(", ")}; p99 < 50 ms at ${CONNECTIONS} connections needs well over ${fmt(CONNECTIONS / 0.05)} req/s.`,
  );
  log(
    `   "1-conn" = 300 requests sent one at a time on one keep-alive connection (no queueing); "server CPU ms/req" = CPU time of the next start process per request during the run (incl. after() work); "load 1m" = the machine's 1-minute load average after the run (${os.cpus().length} cores).`,
  );
}

// ── 5. Upload lifecycle ──
// The issue's "app CPU to create + complete one upload": the requests the upload page makes for one file,
// sent one at a time, each followed by a pause so its after() work (the email outbox) lands in its own
// count. The S3 PUT goes straight to s3rver, as the browser's does, and is not the app's.
async function lifecycleSection(jar, bytes, today) {
  // The server process alone: the local media worker's ffmpeg children (renditions of each upload) are not this.
  const cpu = () => cpuMsOf([server.pid]);
  const steps = [
    ["POST /api/sessions", "create"],
    ["POST /api/uploads", "create"],
    ["POST /api/uploads/<id>/parts", "parts"],
    ["PUT /api/uploads/<id>/parts", "parts"],
    ["POST /api/uploads/<id>/complete", "complete"],
    ["DELETE /api/sessions/<id>/upload", "close (queues and sends the students' email)"],
  ];
  const samples = new Map(steps.map(([name]) => [name, []]));
  const measured = async (name, run) => {
    const c0 = cpu();
    const res = await run();
    // Its after() work (the email outbox) counts too: wait until the process has used no CPU for 20 ms.
    let last = cpu();
    for (let i = 0; i < 50; i++) {
      await sleep(20);
      const now = cpu();
      if (now === last) break;
      last = now;
    }
    samples.get(name)?.push(last - c0);
    return res;
  };
  const one = async (i, record) => {
    const m = record ? measured : (_name, run) => run();
    const session = await m("POST /api/sessions", async () =>
      (
        await expectStatus(
          await http("POST", "/api/sessions", {
            jar,
            json: { title: `Lifecycle ${i}`, sessionDate: today, students: [{ email: `lifecycle.${i}@example.com` }] },
          }),
          201,
          "create session",
        )
      ).json(),
    );
    const upload = await m("POST /api/uploads", async () =>
      (
        await expectStatus(
          await http("POST", "/api/uploads", {
            jar,
            json: {
              sessionId: session.id,
              fileName: `lifecycle-${i}.mp4`,
              size: bytes.length,
              contentType: "video/mp4",
              fingerprint: `lifecycle-${i}-${bytes.length}`,
            },
          }),
          201,
          "create upload",
        )
      ).json(),
    );
    const { parts } = await m("POST /api/uploads/<id>/parts", async () =>
      (
        await expectStatus(await http("POST", `/api/uploads/${upload.videoId}/parts`, { jar, json: { partNumbers: [1] } }), 200, "sign")
      ).json(),
    );
    const put = await fetch(parts[0].url, { method: "PUT", body: bytes });
    if (put.status !== 200) throw new Error(`S3 PUT: ${put.status}`);
    await m("PUT /api/uploads/<id>/parts", async () =>
      expectStatus(
        await http("PUT", `/api/uploads/${upload.videoId}/parts`, {
          jar,
          json: { parts: [{ partNumber: 1, etag: put.headers.get("etag"), size: bytes.length }] },
        }),
        200,
        "record",
      ),
    );
    await m("POST /api/uploads/<id>/complete", async () =>
      expectStatus(await http("POST", `/api/uploads/${upload.videoId}/complete`, { jar }), 200, "complete"),
    );
    await m("DELETE /api/sessions/<id>/upload", async () =>
      expectStatus(await http("DELETE", `/api/sessions/${session.id}/upload`, { jar }), 200, "close the upload action"),
    );
  };
  note(`Lifecycle: 10 warm-up uploads, then ${LIFECYCLE_RUNS} measured, one request at a time`);
  for (let i = 0; i < 10; i++) await one(`w${i}`, false);
  await sleep(1000);
  for (let i = 0; i < LIFECYCLE_RUNS; i++) await one(i, true);
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const rows = steps.map(([name, phase]) => ({ name, phase, median: median(samples.get(name)), max: Math.max(...samples.get(name)) }));
  const createComplete = rows.filter((r) => r.phase === "create" || r.phase === "complete").reduce((n, r) => n + r.median, 0);
  const withClose = createComplete + rows.find((r) => r.phase.startsWith("close")).median;
  table(
    `5. Upload lifecycle — server CPU per request, ${LIFECYCLE_RUNS} one-part uploads one at a time (target: create + complete ≤ 40 ms)`,
    ["request", "counts as", "CPU ms median", "CPU ms max"],
    [
      ...rows.map((r) => [r.name, r.phase, fmt(r.median, 1), fmt(r.max, 1)]),
      ["create + complete (session, create, complete)", `${verdict(createComplete <= 40)} ≤ 40 ms`, fmt(createComplete, 1), "–"],
      ["… and closing the upload action", "", fmt(withClose, 1), "–"],
    ],
  );
  log(
    `   CPU = the next start process's CPU time from the request until it has been idle for 20 ms after its answer (its after() work included), without the local media worker. "close" sends the email through the local transport (the dev mailbox).`,
  );
}

/** One keep-alive connection, one request at a time: the route's latency without queueing. */
async function serialLatency(r, n) {
  const agent = new httpModule.Agent({ keepAlive: true, maxSockets: 1 });
  const url = new URL(BASE + r.path);
  const once = () =>
    new Promise((resolve, reject) => {
      const t = performance.now();
      const req = httpModule.request(url, { method: r.method, headers: r.headers, agent }, (res) => {
        res.resume();
        res.on("end", () =>
          res.statusCode === r.ok ? resolve(performance.now() - t) : reject(new Error(`${r.display}: ${res.statusCode}`)),
        );
      });
      req.on("error", reject);
      req.end(r.body);
    });
  const times = [];
  try {
    for (let i = 0; i < 20; i++) await once(); // warm the connection
    for (let i = 0; i < n; i++) times.push(await once());
  } finally {
    agent.destroy();
  }
  times.sort((a, b) => a - b);
  const pct = (q) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)];
  return { p50: pct(0.5), p99: pct(0.99) };
}

// ── 2. Page weight ──
async function weightSection(jar, studentPath) {
  const pages = [
    { name: "landing", display: "/", path: "/" },
    { name: "student", display: "/d/<token>", path: studentPath, target: 80_000 },
    { name: "trainer upload", display: "/trainer/upload (signed in)", path: "/trainer/upload", jar },
  ];
  for (const p of pages) p.weight = await pageWeight(BASE, p.path, { cookie: p.jar?.header });
  table(
    "2. Page weight — first-load JS: every <script src> + modulepreload/preload of the HTML and an ES module's static imports, gzip -9; <script nomodule> polyfills listed apart (modern browsers skip them); inline scripts (in the HTML's bytes) apart (target: student page ≤ 80 kB gzipped)",
    ["page", "status", "scripts", "JS raw kB", "JS gzip kB", "+ nomodule gzip kB", "inline JS gzip kB", "HTML gzip kB", "target"],
    pages.map((p) => [
      p.display,
      p.weight.status,
      p.weight.files.length,
      kB(p.weight.raw),
      kB(p.weight.gzip),
      kB(p.weight.nomoduleGzip),
      kB(p.weight.inlineGzip),
      kB(p.weight.htmlGzip),
      p.target ? `${verdict(p.weight.gzip <= p.target)} (≤ ${p.target / 1000} kB)` : "",
    ]),
  );
  const student = pages[1].weight;
  log(
    `   largest student-page chunks (gzip kB): ${student.files
      .slice()
      .sort((a, b) => b.gzip - a.gzip)
      .slice(0, 5)
      .map((f) => `${path.basename(new URL(f.url).pathname)} ${kB(f.gzip)}`)
      .join(", ")}`,
  );
}

// ── 3. Lighthouse ──
async function lighthouseSection(studentPath) {
  note(`Lighthouse: landing and student page, mobile preset, ${LH_RUNS} run(s) each, a fresh Chromium per run`);
  const lh = await lighthouseRuns(
    [
      { name: "landing", display: "/", url: `${BASE}/` },
      { name: "student", display: "/d/<token>", url: `${BASE}${studentPath}` },
    ],
    { base: BASE, runs: LH_RUNS, jsonDir: LH_JSON_DIR, chromePath: CHROMIUM, chromeFlags: CHROME_FLAGS },
  );
  table(
    `3. Lighthouse ${LIGHTHOUSE_VERSION} — mobile preset (simulated throttling), ${CHROMIUM ? path.basename(CHROMIUM) : "Playwright's Chromium"} headless, median of ${LH_RUNS} run(s) (targets: performance ≥ 95, accessibility 100, best practices 100)`,
    ["page", "performance", "accessibility", "best practices", "verdict", "perf per run", "FCP", "LCP", "TBT", "CLS", "SI", "CPU index"],
    lh.map((r) => {
      const s = r.scores;
      const ok = s.performance >= 95 && s.accessibility === 100 && s["best-practices"] === 100;
      const miss = [
        s.performance < 95 && "perf",
        s.accessibility !== 100 && "a11y",
        s["best-practices"] !== 100 && "best practices",
      ].filter(Boolean);
      const m = r.metrics;
      return [
        r.display,
        fmt(s.performance),
        fmt(s.accessibility),
        fmt(s["best-practices"]),
        ok ? "PASS" : `MISS (${miss.join(", ")})`,
        r.perfRuns.join("/"),
        m.fcp,
        m.lcp,
        m.tbt,
        m.cls,
        m.si,
        fmt(r.benchmarkIndex),
      ];
    }),
  );
  log(
    `   metrics are from the median-performance run; "CPU index" = Lighthouse's benchmarkIndex of this machine during that run (higher is faster; a busy machine lowers it and the performance score).`,
  );
  for (const r of lh) {
    for (const cat of ["accessibility", "best-practices"]) {
      log(`   ${r.display} ${cat} failing audits (any run): ${r.failing[cat].length ? "" : "none"}`);
      for (const a of r.failing[cat]) log(`     - ${a.title} [${a.id}]${a.items.length ? `: ${a.items.join(" | ")}` : ""}`);
    }
    if (r.scores.performance < 95) {
      log(`   ${r.display} performance: LCP element ${r.lcpElement}; main-thread script time by file: ${r.bootup.join(", ") || "–"}`);
      log(`   ${r.display} performance opportunities: ${r.opportunities.join("; ") || "none reported"}`);
    }
  }
}

// ── 4. Cold start ──
async function coldStart(s3) {
  if (!existsSync(path.join(FN_DIR, "index.mjs"))) {
    await runLogged("npx", ["open-next", "build"], {
      label: "open-next build (no .open-next/server-functions/default/index.mjs; ~2 min)",
      logFile: path.join(tmp, "open-next-build.log"),
      env: { ...process.env, OPEN_NEXT_LOCAL: "1", NEXT_TELEMETRY_DISABLED: "1" },
    });
  }
  const coldDb = await createScratchDatabase(ADMIN_URL, "apex_bench_cold");
  atCleanup(() => coldDb.drop());
  const prodEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TMPDIR: os.tmpdir(),
    NODE_ENV: "production",
    ...productionEnv({ name: "bench", appUrl: COLD_APP, databaseUrl: coldDb.url, s3Endpoint: s3.endpoint }), // nothing is emailed: SES is a closed port
  };
  const migrated = await runChild(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/migrate.ts"], {
    cwd: ROOT,
    env: prodEnv,
    timeoutMs: 120_000,
  });
  if (migrated.status !== 0) throw new Error(`migrations failed (exit ${migrated.status}):\n${migrated.stdout}\n${migrated.stderr}`);
  note("cold start: fresh Node process importing and invoking the OpenNext handler");
  // Asynchronously: s3rver runs in this process and must keep answering.
  const child = await runChild(process.execPath, [fileURLToPath(import.meta.url), "--cold-child"], {
    cwd: ROOT,
    env: prodEnv,
    timeoutMs: 120_000,
  });
  const out = child.stdout;
  const childErr = child.stderr;
  const markerLine = out.split("\n").find((l) => l.startsWith("__COLD__"));
  if (!markerLine)
    throw new Error(`cold-start child printed no result (exit ${child.status}):\n${out.slice(-2000)}\n${childErr.slice(-2000)}`);
  const cold = JSON.parse(markerLine.slice("__COLD__".length));
  const bundleMB = dirBytes(FN_DIR) / 1e6;
  table(
    "4. Cold start — OpenNext server function (OPEN_NEXT_LOCAL build), fresh Node process, production env, PostgreSQL + s3rver",
    ["step", "ms", "status"],
    [
      ["import handler (index.mjs)", fmt(cold.importMs), ""],
      ["first invocation GET /", fmt(cold.landing.ms), cold.landing.status],
      ["first GET /api/health (after GET /)", fmt(cold.health.ms), cold.health.status],
      ["import + GET / (cold request)", fmt(cold.importMs + cold.landing.ms), ""],
    ],
  );
  for (const r of [cold.landing, cold.health])
    if (r.status !== 200)
      log(
        `   non-200 answer: ${r.body}\n   handler output: ${(out + childErr)
          .split("\n")
          .filter((l) => /apexshare|error|warn/i.test(l))
          .slice(0, 6)
          .join(" | ")}`,
      );
  log(`   server function bundle: ${bundleMB.toFixed(1)} MB (${path.relative(ROOT, FN_DIR)}, recursive)`);
}

// ── Run ──────────────────────────────────────────────────────────────────────
await runBench("bench/api.mjs", main, () => (server ? `\n\n--- next start output (tail) ---\n${server.tailLog()}` : ""));
