#!/usr/bin/env node
// Upload benchmark: the real upload page in Chromium vs the AWS SDK's own
// multipart upload (@aws-sdk/lib-storage), against the same local S3 (s3rver).
//
//   node bench/upload.mjs [--size-mib 1024] [--concurrency 4,6,8] [--rounds 2] [--no-warmup] [--app-part-mib N]
//                         [--peer uppy|none] [--app-port 3500] [--s3-port 4900] [--profile-tab DIR] [--database postgres|pglite]
//
// See bench/README.md for what each column means.
// The peer (--peer uppy, the default): Uppy 5 (@uppy/core + @uppy/aws-s3, bench/peer/uppy-page.mjs) wired
// to the app's own create / sign / record / complete endpoints, in the same tab, same file, same S3.
// Uppy is pinned to major 5: Uppy 6 has a regression that uploads a file's parts one at a time.
// Starts the production build like the e2e tests do (scripts/dev.mjs --prod --fresh)
// on its own ports (app 3500, S3 4900 by default) with a throw-away data dir, and measures:
//   - wall time click → data-state="done" of the browser upload, and start → done
//     of the SDK upload → MB/s (1 MB = 10^6 bytes);
//   - the app server's (next-server) CPU time and peak RSS during each upload;
//   - the upload tab's JS heap (CDP Performance.getMetrics) start / peak / end.
// Prints targets with PASS/MISS; a MISS does not fail the process (exit 0).
// Linux only (reads /proc). Needs a `next build` (.next/BUILD_ID); builds if missing.
import { randomBytes } from "node:crypto";
import {
  closeSync,
  createReadStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { DeleteObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { chromium } from "playwright";
import { cpuMs, descendants, machineBusyMs, oursCpuMs, procTable, rssBytes, waitForQuiet } from "./kit/proc.mjs";
import {
  atCleanup,
  ROOT,
  CHROMIUM_FLAGS,
  chromiumPath,
  demoTrainer,
  ensureNextBuild,
  requireFreePorts,
  runBench,
  sleep,
  startService,
} from "./kit/processes.mjs";
import { fmt, median, table } from "./kit/report.mjs";
import { createScratchDatabase } from "../scripts/scratch-database.mjs";

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
// Ports: --app-port / --s3-port (set in main() before anything starts).
let APP_PORT = 3500;
let S3_PORT = 4900;
let APP_URL = `http://localhost:${APP_PORT}`; // one host name: cookies / Auth.js
let S3_ENDPOINT = `http://127.0.0.1:${S3_PORT}`;
const BUCKET = "apexshare-local";
const SAMPLE_MS = 200;
const CHROMIUM_ARGS = ["--headless", ...CHROMIUM_FLAGS, "--disable-quic", "--disable-sync"];
// Targets (printed next to the results; never fail the run).
const TARGET_RATIO = 1.0; // browser MB/s ÷ SDK MB/s (issue #16; was 0.9)
const TARGET_PEER_RATIO = 1.0; // our engine's MB/s ÷ Uppy's, same tab, same file
const TARGET_CPU_PER_GIB = 50; // app server CPU ms per GiB uploaded
const TARGET_HEAP_GROWTH_MIB = 16; // tab JS heap: peak − start and end − start stay under this

// ---------- arguments ----------
function parseArgs(argv) {
  const opts = {
    sizeMib: 1024,
    concurrency: [4],
    rounds: 2,
    warmup: true,
    appPartMib: null,
    peer: "uppy",
    appPort: 3500,
    s3Port: 4900,
    profileDir: null,
    // The issue's numbers are on PostgreSQL (a scratch database on the local server); pglite: the embedded one, in the app's process.
    database: "postgres",
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === "--size-mib") opts.sizeMib = Number(value());
    else if (flag === "--concurrency")
      opts.concurrency = String(value())
        .split(",")
        .map((s) => Number(s.trim()));
    else if (flag === "--rounds") opts.rounds = Number(value());
    else if (flag === "--no-warmup") opts.warmup = false;
    else if (flag === "--app-part-mib") opts.appPartMib = Number(value());
    else if (flag === "--peer") opts.peer = String(value());
    else if (flag === "--no-peer") opts.peer = "none";
    else if (flag === "--app-port") opts.appPort = Number(value());
    else if (flag === "--s3-port") opts.s3Port = Number(value());
    else if (flag === "--profile-tab") opts.profileDir = path.resolve(String(value()));
    else if (flag === "--database") opts.database = String(value());
    else if (flag === "--help" || flag === "-h") {
      console.log(
        "usage: node bench/upload.mjs [--size-mib 1024] [--concurrency 4,6,8] [--rounds 2] [--no-warmup] [--app-part-mib N] [--peer uppy|none] [--app-port 3500] [--s3-port 4900] [--profile-tab DIR] [--database postgres|pglite]",
      );
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (!Number.isInteger(opts.sizeMib) || opts.sizeMib < 1) throw new Error("--size-mib must be a positive integer");
  if (!opts.concurrency.length || opts.concurrency.some((c) => !Number.isInteger(c) || c < 1 || c > 16))
    throw new Error("--concurrency takes integers 1–16, e.g. 4,6,8");
  if (!Number.isInteger(opts.rounds) || opts.rounds < 1) throw new Error("--rounds must be a positive integer");
  if (opts.appPartMib != null && !(Number.isInteger(opts.appPartMib) && opts.appPartMib >= 5))
    throw new Error("--app-part-mib must be an integer ≥ 5");
  if (!["uppy", "none"].includes(opts.peer)) throw new Error("--peer takes uppy or none");
  if (!["postgres", "pglite"].includes(opts.database)) throw new Error("--database takes postgres or pglite");
  if (opts.peer === "uppy" && opts.appPartMib)
    throw new Error("--app-part-mib changes the server's part size, which the Uppy peer cannot know: add --peer none");
  for (const port of [opts.appPort, opts.s3Port])
    if (!Number.isInteger(port) || port < 1024 || port > 65535) throw new Error("--app-port and --s3-port take a port number 1024–65535");
  return opts;
}

// The AWS SDK warns once that it will need Node 22 from 2027; not news for a benchmark.
process.removeAllListeners("warning");
process.on("warning", (w) => {
  if (!/NodeVersionSupportWarning/.test(`${w.name} ${w.message}`)) console.warn(`[bench] ${w.name}: ${w.message}`);
});

/** Chromium CPU by process type: renderer (the tab), network service, browser process, other. */
function chromiumCpu(pids) {
  const out = { total: 0, renderer: 0, network: 0, browser: 0, other: 0 };
  for (const pid of pids) {
    let cmd;
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    } catch {
      continue;
    }
    const ms = cpuMs(pid) ?? 0;
    const type = /--type=renderer/.test(cmd)
      ? "renderer"
      : /NetworkService/.test(cmd)
        ? "network"
        : /--type=/.test(cmd)
          ? "other"
          : "browser";
    out[type] += ms;
    out.total += ms;
  }
  return out;
}

/** Other people's work skews throughput: wait (up to 20 s) until the machine is quiet. */
async function waitUntilQuiet() {
  const load = await waitForQuiet(20_000);
  if (load >= 0.15) console.log(`[bench]   (the machine is busy: other processes use ${fmt(load * 100)}% of it; measuring anyway)`);
}
const mib = (b) => b / MiB;

// ---------- 1. the test file ----------
function ensureFile(sizeMib) {
  const file = path.join(os.tmpdir(), `apexshare-bench-${sizeMib}MiB.mp4`);
  const size = sizeMib * MiB;
  // Random bytes behind an MP4 `ftyp` box: completing an upload refuses what is not a video container.
  const ftyp = Buffer.from("00000018667479706973736f6d0000020069736f6d6d703431", "hex");
  const head = () => {
    const fd = openSync(file, "r");
    try {
      const b = Buffer.alloc(ftyp.length);
      readSync(fd, b, 0, b.length, 0);
      return b;
    } finally {
      closeSync(fd);
    }
  };
  if (existsSync(file) && statSync(file).size === size && head().equals(ftyp)) return file;
  console.log(`[bench] writing ${sizeMib} MiB of random bytes (after an MP4 ftyp box) to ${file}`);
  const fd = openSync(file, "w");
  try {
    const chunk = 16 * MiB;
    for (let off = 0; off < size; off += chunk) {
      const bytes = randomBytes(Math.min(chunk, size - off));
      if (off === 0) ftyp.copy(bytes);
      writeSync(fd, bytes);
    }
  } finally {
    closeSync(fd);
  }
  return file;
}

// ---------- 2. the app ----------
async function startApp({ appPartMib, database }) {
  await requireFreePorts([APP_PORT, S3_PORT]);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "apexshare-bench-data-"));
  atCleanup(
    () => rmSync(dataDir, { recursive: true, force: true }),
    () => rmSync(dataDir, { recursive: true, force: true }),
  );
  await ensureNextBuild(dataDir);
  // PostgreSQL: a scratch database on the local server (BENCH_ADMIN_DATABASE_URL), dropped at the end.
  let databaseUrl = "";
  if (database === "postgres") {
    const scratch = await createScratchDatabase(
      process.env.BENCH_ADMIN_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
      "apex_bench_upload",
    );
    atCleanup(() => scratch.drop());
    databaseUrl = scratch.url;
  }

  // dev.mjs runs s3rver in its own process and next start under it; the service is their process group.
  const service = await startService("scripts/dev.mjs --prod", ["scripts/dev.mjs", "--prod", "--fresh"], {
    readyUrl: `${APP_URL}/api/health`,
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(APP_PORT),
      APP_URL,
      S3_PORT: String(S3_PORT),
      APEX_DATA_DIR: dataDir,
      // The embedded defaults, whatever the outer shell has set (as in playwright.config.ts), but the database (--database).
      DATABASE_URL: databaseUrl,
      S3_ENDPOINT: "",
      S3_BUCKET: "",
      APP_ENV: "local",
      // The local media worker (ffmpeg jobs in the app's process) is not what runs in AWS (MediaConvert), and
      // its work on one run's file would land in the next run's app CPU. Share emails wait for the rendition,
      // so none is sent during a run: the figures exclude emails, as the targets do.
      MEDIA_WORKER: "off",
      // What-if: the app's minimum part size (default 8 MiB), to try bigger parts.
      ...(appPartMib ? { UPLOAD_MIN_PART_BYTES: String(appPartMib * MiB) } : {}),
    },
  });
  const creds = await demoTrainer(dataDir);

  // The server process: next-server (process title of `next start`) under dev.mjs.
  const procs = procTable();
  const tree = descendants(service.pid, procs);
  const nextPid =
    tree.find((pid) => procs.get(pid).cmd.startsWith("next-server")) ?? tree.find((pid) => /next-server/.test(procs.get(pid).cmd));
  if (!nextPid)
    throw new Error(
      `cannot find the next-server process under pid ${service.pid}:\n${tree.map((p) => `${p} ${procs.get(p).cmd}`).join("\n")}`,
    );
  return { dataDir, creds, nextPid, s3Pid: service.pid, tailLog: service.tailLog, exited: service.exited };
}

// ---------- 3 + 4. sampling ----------
/**
 * Samples every 200 ms until stop(): app CPU, app RSS, the tab's JS heap (if a CDP
 * session is given), plus CPU of s3rver (dev.mjs), Chromium and this process for diagnosis.
 */
function startSampler({ app, cdp, browserPids }) {
  const s = {
    appCpu0: cpuMs(app.nextPid),
    s3Cpu0: cpuMs(app.s3Pid),
    browserCpu0: browserPids ? chromiumCpu(browserPids()) : null,
    selfCpu0: process.cpuUsage(),
    machine0: machineBusyMs(),
    ours0: oursCpuMs(),
    t0: performance.now(),
    peakRss: rssBytes(app.nextPid) ?? 0,
    heap: [],
    samples: 0,
  };
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      s.samples++;
      s.peakRss = Math.max(s.peakRss, rssBytes(app.nextPid) ?? 0);
      if (cdp) {
        const { metrics } = await cdp.send("Performance.getMetrics");
        const used = metrics.find((m) => m.name === "JSHeapUsedSize")?.value;
        if (used != null) s.heap.push(used);
      }
    } catch {
      // the page navigated or closed: skip this sample
    } finally {
      busy = false;
    }
  };
  const ready = tick(); // the start state, before the upload begins
  const timer = setInterval(tick, SAMPLE_MS);
  return {
    ready,
    async stop() {
      clearInterval(timer);
      while (busy) await sleep(5);
      await tick(); // the end state
      const self = process.cpuUsage(s.selfCpu0);
      const wallMs = performance.now() - s.t0;
      const otherCpuMs = Math.max(0, machineBusyMs() - s.machine0 - (oursCpuMs() - s.ours0));
      const browser = browserPids ? chromiumCpu(browserPids()) : null;
      return {
        appCpu0: s.appCpu0,
        appCpuMs: cpuMs(app.nextPid) - s.appCpu0,
        s3CpuMs: cpuMs(app.s3Pid) - s.s3Cpu0,
        browserCpuMs: browser ? browser.total - s.browserCpu0.total : null,
        browserCpuByType: browser
          ? Object.fromEntries(
              Object.keys(browser)
                .filter((k) => k !== "total")
                .map((k) => [k, browser[k] - (s.browserCpu0[k] ?? 0)]),
            )
          : null,
        otherCpuMs,
        otherLoad: otherCpuMs / (wallMs * os.cpus().length), // share of the machine used by processes that are not ours
        benchCpuMs: (self.user + self.system) / 1000,
        peakRss: s.peakRss,
        heap: s.heap,
        samples: s.samples,
      };
    },
  };
}

// ---------- 3. the browser upload ----------
async function openBrowser(app) {
  // Signals are ours to handle (cleanup() closes the browser after stopping the app).
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: CHROMIUM_ARGS,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  atCleanup(() => browser.close());
  const context = await browser.newContext({ baseURL: APP_URL, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);

  await page.goto("/signin");
  const form = page.getByRole("form", { name: "Trainer sign-in" });
  await form.getByLabel("Email").fill(app.creds.email);
  await form.getByLabel("Password").fill(app.creds.password);
  await form.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/trainer$/);

  const b = { browser, page };
  await page.exposeFunction("__benchReport", (kind, text) => b.onReport?.(kind, text));
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable");
  // Chromium's processes are children of this process (the browser) and their children.
  const browserPids = () => {
    const t = procTable();
    return descendants(process.pid, t).filter((pid) => /chrom/i.test(t.get(pid)?.cmd ?? ""));
  };
  return Object.assign(b, { cdp, browserPids });
}

async function browserUpload(app, b, file, concurrency, sizeBytes) {
  const { page } = b;
  await page.goto(`/trainer/upload?concurrency=${concurrency}`);
  await page.getByLabel("Video files").setInputFiles(file);
  await page.getByLabel("Student 1 email").fill("bench.student@example.com");
  const button = page.getByRole("button", { name: /^Upload/ });
  await button.waitFor();
  await settle(page);
  // Times taken in the page: the click event and the first time a job shows data-state="done";
  // the page reports "done"/"error" through a binding (no polling that would load the tab),
  // and each state change, to split the app's CPU into start / parts / finish.
  await page.evaluate(() => {
    const w = window;
    w.__bench = { clickAt: null, doneAt: null, reported: false };
    document.addEventListener(
      "click",
      (e) => {
        if (w.__bench.clickAt == null && e.target instanceof Element && e.target.closest("button")?.textContent?.startsWith("Upload"))
          w.__bench.clickAt = performance.now();
      },
      { capture: true },
    );
    new MutationObserver(() => {
      if (w.__bench.reported) return;
      const job = document.querySelector("[data-testid=upload-job]");
      const state = job?.getAttribute("data-state");
      if (state && state !== w.__bench.state) w.__benchReport("state", (w.__bench.state = state));
      if (state === "done") {
        w.__bench.doneAt = performance.now();
        w.__bench.reported = true;
        w.__benchReport("done", "");
      } else if (state === "error" || state === "canceled") {
        w.__bench.reported = true;
        w.__benchReport("error", job.textContent);
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-state"] });
  });
  return timedTabUpload(app, b, { method: "browser", concurrency, sizeBytes, start: () => button.click() });
}

/**
 * Lets the page's own background requests finish before the measurement starts: Next prefetches the
 * header's links (server renders) shortly after a page loads, which is not upload work.
 */
async function settle(page) {
  await page.waitForLoadState("networkidle", { timeout: 10_000 }).catch(() => {});
}

/** The Uppy 5 peer, bundled once per run (esbuild, an IIFE) from bench/peer/uppy-page.mjs. */
let uppyBundle;
async function uppySource() {
  if (uppyBundle) return uppyBundle;
  const esbuild = await import("esbuild");
  const out = await esbuild.build({
    entryPoints: [path.join(ROOT, "bench", "peer", "uppy-page.mjs")],
    absWorkingDir: ROOT,
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2022",
    minify: true,
    outfile: path.join(os.tmpdir(), `apexshare-bench-uppy-${process.pid}.js`),
    logLevel: "warning",
  });
  if (out.errors.length) throw new Error(`esbuild: ${out.errors.map((e) => e.text).join("; ")}`);
  const file = path.join(os.tmpdir(), `apexshare-bench-uppy-${process.pid}.js`);
  atCleanup(
    () => rmSync(file, { force: true }),
    () => rmSync(file, { force: true }),
  );
  uppyBundle = { file, source: readFileSync(file, "utf8") };
  return uppyBundle;
}

/**
 * The same file through Uppy 5 in the same signed-in tab, on the same app page as our engine
 * (so the tab's baseline heap is the same page's), with Uppy's `limit` = the concurrency.
 */
async function uppyUpload(app, b, file, concurrency, sizeBytes) {
  const { page } = b;
  const bundle = await uppySource();
  await page.goto(`/trainer/upload?concurrency=${concurrency}`);
  await page.getByLabel("Video files").waitFor();
  // Evaluated through CDP rather than a <script> tag: the app's Content-Security-Policy allows only its own
  // scripts (nonces). Its requests go through the page's fetch/XHR like the engine's, same origin, same cookies.
  await page.evaluate(bundle.source);
  b.peerVersion = await page.evaluate(() => window.__uppyPeer?.version);
  if (!b.peerVersion) throw new Error("the Uppy bundle did not load in the page");
  await page.evaluate(() => {
    const input = Object.assign(document.createElement("input"), { type: "file", id: "uppy-bench-file", hidden: true });
    document.body.append(input);
  });
  await page.setInputFiles("#uppy-bench-file", file);
  await settle(page);
  return timedTabUpload(app, b, {
    method: "uppy",
    concurrency,
    sizeBytes,
    start: () =>
      // start() stamps window.__bench.clickAt now and .doneAt when the app has completed the upload.
      page.evaluate(
        (c) => window.__uppyPeer.start("#uppy-bench-file", { concurrency: c, student: "bench.student@example.com" }),
        concurrency,
      ),
  });
}

/**
 * Times one upload in the tab from start() to the page's "done" report, sampling the app's CPU
 * (split by the states the page reports), its RSS, the tab's heap and the requests the page makes.
 */
async function timedTabUpload(app, b, { method, concurrency, sizeBytes, start }) {
  const { page, cdp } = b;
  let report;
  const phaseCpu = {};
  const finished = new Promise((resolve, reject) => {
    report = (kind, text) => {
      if (kind === "state")
        phaseCpu[text] ??= cpuMs(app.nextPid); // first time the job enters this state
      else if (kind === "done") resolve();
      else reject(new Error(`${method} upload failed: ${text}`));
    };
  });
  finished.catch(() => {});
  b.onReport = report;
  await cdp.send("HeapProfiler.collectGarbage").catch(() => {});
  // Count the page's calls to the app during the upload, by route, and the part PUTs to S3.
  const calls = {};
  const onRequest = (req) => {
    if (!/^https?:/.test(req.url())) return; // blob: URLs (the thumbnail step reads the file locally)
    const u = new URL(req.url());
    let name;
    if (u.origin === S3_ENDPOINT) name = `S3 ${req.method()}${u.searchParams.has("partNumber") ? " part" : ""}`;
    else if (u.origin === APP_URL)
      name = `${req.headers()["next-router-prefetch"] ? "prefetch " : ""}${req.method()} ${u.pathname.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ":id").replace(/\/parts\/\d+$/, "/parts/:n")}`;
    else return;
    calls[name] = (calls[name] ?? 0) + 1;
  };
  page.on("request", onRequest);
  const sampler = startSampler({ app, cdp, browserPids: b.browserPids });
  await sampler.ready;
  if (b.profileDir) {
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 1000 });
    await cdp.send("Profiler.start");
  }
  const t0 = performance.now();
  await start();
  let timer;
  await Promise.race([
    finished,
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${method} upload: no result after 30 min`)), 30 * 60_000))),
  ]).finally(() => clearTimeout(timer));
  const nodeSeconds = (performance.now() - t0) / 1000;
  const stats = await sampler.stop();
  const profile = b.profileDir ? await saveTabProfile(b, cdp, method) : null;
  page.off("request", onRequest);
  // app CPU by phase: start = click → uploading (create), parts = uploading → completing, finish = completing → done.
  const appEnd = stats.appCpu0 + stats.appCpuMs;
  const phases =
    phaseCpu.uploading != null && phaseCpu.completing != null
      ? { start: phaseCpu.uploading - stats.appCpu0, parts: phaseCpu.completing - phaseCpu.uploading, finish: appEnd - phaseCpu.completing }
      : null;
  const { clickAt, doneAt } = await page.evaluate(() => window.__bench);
  const seconds = clickAt != null && doneAt != null ? (doneAt - clickAt) / 1000 : nodeSeconds;
  const heap = stats.heap;
  return {
    method,
    concurrency,
    seconds,
    mbps: sizeBytes / 1e6 / seconds,
    ...stats,
    heapStart: heap[0],
    heapPeak: heap.length ? Math.max(...heap) : null,
    heapEnd: heap.at(-1),
    calls,
    phases,
    profile,
  };
}

/**
 * --profile-tab: the page's main-thread JavaScript profile (CDP Profiler, 1 ms sampling) during the upload,
 * written as DIR/<method>-<n>.cpuprofile (open in Chrome DevTools), summed here by function and by script.
 * "(program)" is the renderer's own work outside JavaScript (style, layout, paint, IPC).
 */
let profileCount = 0;
async function saveTabProfile(b, cdp, method) {
  const { profile } = await cdp.send("Profiler.stop");
  await cdp.send("Profiler.disable");
  mkdirSync(b.profileDir, { recursive: true });
  const file = path.join(b.profileDir, `${method}-${++profileCount}.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfMs = new Map(); // node id → ms
  for (let i = 0; i < profile.samples.length; i++)
    selfMs.set(profile.samples[i], (selfMs.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  const byFn = new Map();
  const byScript = new Map();
  let total = 0;
  for (const [id, ms] of selfMs) {
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    if (functionName === "(idle)") continue;
    total += ms;
    const script = url ? new URL(url).pathname.split("/").pop() || url : functionName || "(anonymous)";
    const fn = `${functionName || "(anonymous)"}${url ? ` ${script}:${lineNumber + 1}` : ""}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + ms);
    byScript.set(script, (byScript.get(script) ?? 0) + ms);
  }
  const top = (m, n) =>
    [...m]
      .sort((x, y) => y[1] - x[1])
      .slice(0, n)
      .map(([k, v]) => `${k} ${fmt(v)}`)
      .join(", ");
  console.log(`[bench]     tab profile (${path.relative(ROOT, file)}): busy ${fmt(total)} ms; by script: ${top(byScript, 6)}`);
  console.log(`[bench]     tab profile, top functions (self ms): ${top(byFn, 8)}`);
  return { file, busyMs: total };
}

// ---------- 5. the SDK upload ----------
let s3; // made in main() once the ports are known
const s3Client = () =>
  new S3Client({
    region: "us-east-1",
    endpoint: S3_ENDPOINT,
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });

let sdkCount = 0;
async function sdkUpload(app, file, sizeBytes) {
  const key = `bench/sdk-${++sdkCount}.bin`;
  const sampler = startSampler({ app });
  const t0 = performance.now();
  await new Upload({
    client: s3,
    params: { Bucket: BUCKET, Key: key, Body: createReadStream(file), ContentType: "video/mp4" },
    queueSize: 4,
    partSize: 8 * MiB,
  }).done();
  const seconds = (performance.now() - t0) / 1000;
  const stats = await sampler.stop();
  return { method: "sdk", concurrency: 4, seconds, mbps: sizeBytes / 1e6 / seconds, ...stats, key };
}

/** Deletes the uploaded objects after a run (outside the timing) so the disk does not fill up. */
async function deleteUploads() {
  for (const prefix of ["videos/", "bench/"]) {
    let token;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix, ContinuationToken: token }));
      for (const o of page.Contents ?? []) await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: o.Key }));
      token = page.NextContinuationToken;
    } while (token);
  }
}

// ---------- main ----------
async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (process.platform !== "linux") throw new Error("this benchmark reads /proc: run it on Linux");
  APP_PORT = opts.appPort;
  S3_PORT = opts.s3Port;
  APP_URL = `http://localhost:${APP_PORT}`;
  S3_ENDPOINT = `http://127.0.0.1:${S3_PORT}`;
  s3 = s3Client();
  if (opts.profileDir) console.log(`[bench] profiling the tab's JavaScript into ${opts.profileDir}`);
  const began = performance.now();
  const file = ensureFile(opts.sizeMib);
  const sizeBytes = statSync(file).size;
  if (opts.peer === "uppy") await uppySource(); // a bundling error shows before the app starts
  console.log(`[bench] starting the app on ${APP_URL} (S3 ${S3_ENDPOINT})…`);
  const app = await startApp(opts);
  console.log(`[bench] app up (next-server pid ${app.nextPid}, dev.mjs + s3rver pid ${app.s3Pid})`);
  const b = await openBrowser(app);
  b.profileDir = opts.profileDir;

  const runs = [];
  const say = (r, tag = "") => {
    const by = r.browserCpuByType;
    console.log(
      `[bench] ${tag}${r.method.padEnd(7)} c=${String(r.concurrency).padEnd(2)} ${fmt(r.seconds, 2).padStart(6)} s ${fmt(r.mbps, 1).padStart(6)} MB/s` +
        (r.pairRatio != null ? ` (÷SDK ${fmt(r.pairRatio, 2)})` : "") +
        (r.peerRatio != null ? ` (÷Uppy ${fmt(r.peerRatio, 2)})` : "") +
        ` | CPU ms: app ${fmt(r.appCpuMs)}${r.phases ? ` (start ${fmt(r.phases.start)} + parts ${fmt(r.phases.parts)} + finish ${fmt(r.phases.finish)})` : ""}, s3rver ${fmt(r.s3CpuMs)}, ` +
        (by
          ? `chromium ${fmt(r.browserCpuMs)} (tab ${fmt(by.renderer)}, network ${fmt(by.network)}, browser ${fmt(by.browser)}, other ${fmt(by.other)})`
          : `bench/SDK ${fmt(r.benchCpuMs)}`) +
        `, not ours ${fmt(r.otherCpuMs)} (${fmt(r.otherLoad * 100)}% of machine) | app RSS peak ${fmt(mib(r.peakRss))} MiB` +
        (r.heapStart != null ? ` | heap ${fmt(mib(r.heapStart), 1)}/${fmt(mib(r.heapPeak), 1)}/${fmt(mib(r.heapEnd), 1)} MiB` : "") +
        (r.calls
          ? ` | app calls ${Object.entries(r.calls)
              .filter(([k]) => !k.startsWith("S3"))
              .reduce((n, [, v]) => n + v, 0)}`
          : ""),
    );
    if (r.calls)
      console.log(
        `[bench]     requests during the upload: ${Object.entries(r.calls)
          .sort()
          .map(([k, v]) => `${k} ×${v}`)
          .join(", ")}`,
      );
  };
  const upload = { browser: browserUpload, uppy: uppyUpload };
  const once = async (kind, c) => {
    await waitUntilQuiet();
    if (app.exited()) throw new Error(`the app exited: ${JSON.stringify(app.exited())}\n${app.tailLog()}`);
    const r = kind === "sdk" ? await sdkUpload(app, file, sizeBytes) : await upload[kind](app, b, file, c, sizeBytes);
    await deleteUploads();
    return r;
  };
  const peer = opts.peer === "uppy";

  if (opts.warmup) {
    say(await once("browser", opts.concurrency[0]), "(warm-up) ");
    if (peer) say(await once("uppy", opts.concurrency[0]), "(warm-up) ");
    say(await once("sdk", 4), "(warm-up) ");
  }
  // Browser, Uppy and SDK alternate, and each tab run is compared with the SDK run right after
  // the pair (and our engine with the Uppy run next to it): drift and other load on the machine
  // hit both sides of a pair alike. Odd rounds send our engine first, even rounds Uppy.
  for (let round = 1; round <= opts.rounds; round++) {
    const order = round % 2 ? opts.concurrency : [...opts.concurrency].reverse();
    for (const c of order) {
      const kinds = peer ? (round % 2 ? ["browser", "uppy"] : ["uppy", "browser"]) : ["browser"];
      const got = {};
      for (const k of kinds) got[k] = await once(k, c);
      const sdk = await once("sdk", 4);
      for (const k of kinds) got[k].pairRatio = got[k].mbps / sdk.mbps;
      if (peer) got.browser.peerRatio = got.browser.mbps / got.uppy.mbps;
      for (const k of kinds) say(got[k]);
      say(sdk);
      runs.push(...kinds.map((k) => got[k]), sdk);
    }
  }

  // ---------- 6. report ----------
  const sdkRuns = runs.filter((r) => r.method === "sdk");
  const groups = [
    ...opts.concurrency.flatMap((c) =>
      ["browser", ...(peer ? ["uppy"] : [])].map((m) => runs.filter((r) => r.method === m && r.concurrency === c)),
    ),
    sdkRuns,
  ];
  const gib = sizeBytes / GiB;
  const rows = [];
  const verdicts = [];
  const LABEL = { browser: "browser (our engine)", uppy: "Uppy 5 (peer)", sdk: "SDK lib-storage Upload" };
  for (const g of groups) {
    const r0 = g[0];
    const inTab = r0.method !== "sdk";
    const mbps = median(g.map((r) => r.mbps));
    const ratio = inTab ? median(g.map((r) => r.pairRatio)) : 1;
    const peerRatio = r0.method === "browser" && peer ? median(g.map((r) => r.peerRatio)) : null;
    const cpu = median(g.map((r) => r.appCpuMs));
    const peakRss = Math.max(...g.map((r) => r.peakRss));
    // The run whose heap grew most stands for the group.
    const worst = inTab ? g.reduce((a, r) => (r.heapPeak - r.heapStart > a.heapPeak - a.heapStart ? r : a)) : null;
    rows.push([
      LABEL[r0.method],
      r0.concurrency,
      fmt(mbps, 1),
      g.map((r) => fmt(r.mbps, 1)).join(" "),
      fmt(ratio, 2),
      peerRatio == null ? "—" : fmt(peerRatio, 2),
      fmt(cpu),
      fmt(cpu / gib, 1),
      inTab && g.every((r) => r.phases)
        ? `${fmt(median(g.map((r) => r.phases.start)))} / ${fmt(median(g.map((r) => r.phases.parts)))} / ${fmt(median(g.map((r) => r.phases.finish)))}`
        : "—",
      inTab ? fmt(median(g.map((r) => Object.entries(r.calls ?? {}).reduce((n, [k, v]) => (k.startsWith("S3") ? n : n + v), 0)))) : "—",
      fmt(mib(peakRss)),
      inTab ? `${fmt(mib(worst.heapStart), 1)} / ${fmt(mib(worst.heapPeak), 1)} / ${fmt(mib(worst.heapEnd), 1)}` : "—",
      fmt(median(g.map((r) => r.s3CpuMs))),
      inTab ? fmt(median(g.map((r) => r.browserCpuMs))) : fmt(median(g.map((r) => r.benchCpuMs))),
      inTab ? fmt(median(g.map((r) => r.browserCpuByType.renderer))) : "—",
      `${fmt(Math.max(...g.map((r) => r.otherLoad)) * 100)}%`,
    ]);
    if (inTab) {
      const who = `${r0.method} c=${r0.concurrency}`;
      const perGib = cpu / gib;
      const growPeak = mib(worst.heapPeak - worst.heapStart);
      const growEnd = mib(worst.heapEnd - worst.heapStart);
      const flat = growPeak < TARGET_HEAP_GROWTH_MIB && growEnd < TARGET_HEAP_GROWTH_MIB;
      verdicts.push([who, "÷ SDK MB/s", `≥ ${fmt(TARGET_RATIO, 1)}`, fmt(ratio, 2), ratio >= TARGET_RATIO ? "PASS" : "MISS"]);
      if (peerRatio != null)
        verdicts.push([
          who,
          "÷ Uppy 5 MB/s",
          `≥ ${fmt(TARGET_PEER_RATIO, 1)}`,
          fmt(peerRatio, 2),
          peerRatio >= TARGET_PEER_RATIO ? "PASS" : "MISS",
        ]);
      verdicts.push(
        [who, "app CPU per GiB", `< ${TARGET_CPU_PER_GIB} ms`, `${fmt(perGib, 1)} ms`, perGib < TARGET_CPU_PER_GIB ? "PASS" : "MISS"],
        [
          who,
          "tab JS heap flat",
          `peak−start, end−start < ${TARGET_HEAP_GROWTH_MIB} MiB`,
          `+${fmt(growPeak, 1)} / ${growEnd >= 0 ? "+" : ""}${fmt(growEnd, 1)} MiB`,
          flat ? "PASS" : "MISS",
        ],
      );
    }
  }
  const noisy = Math.max(...runs.map((r) => r.otherLoad));

  const cpu = os.cpus();
  console.log("");
  console.log(
    `machine: ${cpu[0]?.model ?? "?"} · ${cpu.length} cores · ${fmt(os.totalmem() / GiB, 1)} GiB RAM · ${os.type()} ${os.release()} · node ${process.version} · chromium ${b.browser.version()}`,
  );
  console.log(
    `file:    ${fmt(sizeBytes / MiB)} MiB (${sizeBytes} bytes, ${fmt(sizeBytes / 1e6, 1)} MB) · ${opts.rounds} measured round(s)${opts.warmup ? " after 1 warm-up of each" : ""} · MB = 10^6 bytes`,
  );
  console.log(
    `local S3: s3rver on ${S3_ENDPOINT} · app ${APP_URL} (next start, ${opts.database === "postgres" ? "PostgreSQL" : "PGlite in the app process"}) · browser parts ${opts.appPartMib ? `${opts.appPartMib} MiB (--app-part-mib)` : "app default (8 MiB)"} · SDK parts 8 MiB, queueSize 4`,
  );
  if (peer)
    console.log(
      `peer:    ${b.peerVersion ?? "Uppy"} in the same tab and page, limit = conc, the app's part size, wired to the app's endpoints (bench/peer/uppy-page.mjs)`,
    );
  console.log("");
  console.log(
    table(
      null,
      [
        "method",
        "conc",
        "MB/s med",
        "MB/s runs",
        "÷SDK",
        "÷Uppy",
        "app CPU ms",
        "ms/GiB",
        "start/parts/finish ms",
        "app calls",
        "app RSS peak MiB",
        "tab heap start/peak/end MiB",
        "s3rver CPU ms",
        "client CPU ms",
        "tab CPU ms",
        "noise",
      ],
      rows,
    ),
  );
  console.log(
    [
      "÷SDK: median over runs of (tab MB/s ÷ MB/s of the SDK run right after the pair); ÷Uppy: our engine's MB/s ÷ the Uppy run next to it. app = the next-server process; CPU ms are medians, RSS is the peak.",
      "start/parts/finish: the app's CPU while the job is preparing (session + create upload), uploading (sign + record parts) and completing (complete, emails). app calls: requests the tab made to the app.",
      "client CPU: all Chromium processes (tab rows) or this Node process (SDK row); tab CPU: the page's renderer process alone. noise: the most CPU that processes we did not start used during a run, as a share of all cores.",
    ].join("\n"),
  );
  if (noisy > 0.1)
    console.log(
      `WARNING: other processes used up to ${fmt(noisy * 100)}% of the machine during a run: throughput figures are noisy; run again on a quiet machine.`,
    );
  console.log("");
  console.log(table(null, ["run", "target", "goal", "result", "verdict"], verdicts));
  console.log("");
  console.log(`[bench] total ${fmt((performance.now() - began) / 1000, 0)} s`);
}

await runBench("[bench] bench/upload.mjs", main);
