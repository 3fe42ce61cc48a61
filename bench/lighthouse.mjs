#!/usr/bin/env node
// Lighthouse mobile on the student page (/d/<token>) with a real video behind it, and that page's first-load JS.
//
//   node bench/lighthouse.mjs [--runs 3] [--app-port 3500] [--s3-port 4900] [--json DIR]
//
// Starts the production build like bench/upload.mjs (scripts/dev.mjs --prod --fresh: PGlite, s3rver,
// the media worker, the dev mailbox) on its own ports with a throw-away data dir; signs in as the demo
// trainer in Chromium and uploads a 4 s H.264 clip (scripts/lib/test-clip.mjs) through the upload page to
// one student; waits until the media worker has made its renditions (the student page then has its
// player and quality menu); takes the student's /d/<token> link from the dev mailbox; then:
//   1. first-load JS of the student page (gzip -9; bench/kit/pages.mjs, as bench/api.mjs counts it);
//   2. Lighthouse (mobile preset: simulated throttling, a phone viewport) `--runs` times, a fresh
//      Chromium per run, and the median performance and accessibility scores.
// Targets (issue #16): performance ≥ 97, accessibility 100, first-load JS ≤ 80 kB gzip. A MISS prints
// and exits 0; an error exits 1. Chromium: /usr/bin/chromium (CHROME_PATH or CHROMIUM_PATH to override).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright";
import { clipArgs } from "../scripts/lib/test-clip.mjs";
import { lighthouseRuns, pageWeight, scriptsFetched } from "./kit/pages.mjs";
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
  startService,
} from "./kit/processes.mjs";
import { fmt, kB, machineLine, table, verdict } from "./kit/report.mjs";

const TARGET_PERFORMANCE = 97;
const TARGET_ACCESSIBILITY = 100;
const TARGET_JS_GZIP = 80_000; // bytes
const STUDENT = "bench.rider@example.com";

function parseArgs(argv) {
  const opts = { runs: 3, appPort: 3500, s3Port: 4900, jsonDir: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === "--runs") opts.runs = Number(value());
    else if (flag === "--app-port") opts.appPort = Number(value());
    else if (flag === "--s3-port") opts.s3Port = Number(value());
    else if (flag === "--json") opts.jsonDir = path.resolve(String(value()));
    else if (flag === "--help" || flag === "-h") {
      console.log("usage: node bench/lighthouse.mjs [--runs 3] [--app-port 3500] [--s3-port 4900] [--json DIR]");
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (!Number.isInteger(opts.runs) || opts.runs < 1) throw new Error("--runs must be a positive integer");
  for (const port of [opts.appPort, opts.s3Port])
    if (!Number.isInteger(port) || port < 1024 || port > 65535) throw new Error("--app-port and --s3-port take a port number 1024–65535");
  return opts;
}

/** A 4 s 640×360 H.264 + AAC clip, made once with ffmpeg (the system's, else the one in @ffmpeg-installer). */
function testClip() {
  const file = path.join(os.tmpdir(), "apexshare-bench-lighthouse-clip.mp4");
  if (existsSync(file)) return file;
  const npm = path.join(ROOT, "node_modules", "@ffmpeg-installer", `${process.platform}-${process.arch}`, "ffmpeg");
  const ffmpeg = process.env.FFMPEG_PATH ?? (spawnSync("ffmpeg", ["-version"]).status === 0 ? "ffmpeg" : npm);
  execFileSync(ffmpeg, ["-v", "error", "-y", ...clipArgs({ size: "640x360", seconds: 4, codec: "h264" }), "-movflags", "+faststart", file]);
  return file;
}

/** Uploads the clip to one student through the real upload page; returns the student's /d/<token> path. */
async function makeShare(appUrl, creds, clip) {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ["--headless", ...CHROMIUM_FLAGS],
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  atCleanup(() => browser.close());
  try {
    const page = await (await browser.newContext({ baseURL: appUrl })).newPage();
    page.setDefaultTimeout(30_000);
    await page.goto("/signin");
    const form = page.getByRole("form", { name: "Trainer sign-in" });
    await form.getByLabel("Email").fill(creds.email);
    await form.getByLabel("Password").fill(creds.password);
    await form.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/trainer$/);

    note("uploading the clip to one student through /trainer/upload");
    await page.goto("/trainer/upload");
    await page.getByLabel("Video files").setInputFiles(clip);
    await page.getByLabel("Student 1 email").fill(STUDENT);
    await page.getByRole("button", { name: /^Upload/ }).click();
    await page.locator('[data-testid=upload-job][data-state="done"]').waitFor({ timeout: 120_000 });

    // The media worker's renditions, poster and storyboard: the student page then shows the player as a student sees it.
    note("waiting for the media worker (renditions, poster, storyboard)");
    const deadline = Date.now() + 300_000;
    for (;;) {
      await page.goto("/trainer");
      const states = await page.getByTestId("media-status").evaluateAll((els) => els.map((e) => e.getAttribute("data-state")));
      if (states.length && states.every((s) => s === "ready")) break;
      if (states.includes("failed")) throw new Error("the media job failed");
      if (Date.now() > deadline) throw new Error(`media not ready after 5 min (states: ${states.join(", ") || "none shown"})`);
      await page.waitForTimeout(2000);
    }

    // The student's link, from the dev mailbox (the upload page announced the session when its queue was done).
    let links = [];
    for (let i = 0; i < 60 && !links.some((l) => l.includes("/d/")); i++) {
      await page.goto("/dev/mailbox");
      const row = page.getByTestId("mailbox-row").filter({ hasText: STUDENT }).first();
      if (await row.count()) {
        await row.getByRole("link").first().click();
        links = await page.getByTestId("mail-link").evaluateAll((els) => els.map((e) => e.href));
      }
      if (!links.some((l) => l.includes("/d/"))) await page.waitForTimeout(1000);
    }
    const link = links.find((l) => /\/d\/[A-Za-z0-9_-]{20,}/.test(l));
    if (!link) throw new Error("no /d/ link reached the dev mailbox");
    const u = new URL(link);
    return `${u.pathname}${u.search}`;
  } finally {
    await browser.close();
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const appUrl = `http://localhost:${opts.appPort}`;
  const chromePath = process.env.CHROME_PATH ?? chromiumPath();
  if (!chromePath) throw new Error("no Chromium: set CHROME_PATH (Debian: apt-get install chromium → /usr/bin/chromium)");
  const lighthouseVersion = JSON.parse(readFileSync(path.join(ROOT, "node_modules", "lighthouse", "package.json"), "utf8")).version;
  const loadBefore = os.loadavg();

  await requireFreePorts([opts.appPort, opts.s3Port]);
  const clip = testClip();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "apexshare-bench-lh-"));
  atCleanup(
    () => rmSync(dataDir, { recursive: true, force: true }),
    () => rmSync(dataDir, { recursive: true, force: true }),
  );
  await ensureNextBuild(dataDir);
  await startService("scripts/dev.mjs --prod", ["scripts/dev.mjs", "--prod", "--fresh"], {
    readyUrl: `${appUrl}/api/health`,
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(opts.appPort),
      APP_URL: appUrl,
      S3_PORT: String(opts.s3Port),
      APEX_DATA_DIR: dataDir,
      // The embedded defaults, whatever the outer shell has set (as in playwright.config.ts).
      DATABASE_URL: "",
      S3_ENDPOINT: "",
      S3_BUCKET: "",
      APP_ENV: "local",
    },
  });
  const creds = await demoTrainer(dataDir);
  const studentPath = await makeShare(appUrl, creds, clip);
  const display = "/d/<token>";
  note(`student page: ${display} (a 4 s clip, renditions ready)`);

  const weight = await pageWeight(appUrl, studentPath);
  if (weight.status !== 200) throw new Error(`the student page answered ${weight.status}`);
  const fetched = await scriptsFetched(`${appUrl}${studentPath}`, { chromePath, chromeFlags: CHROMIUM_FLAGS });

  note(`Lighthouse ${lighthouseVersion}: ${opts.runs} mobile run(s), a fresh Chromium each`);
  const [lh] = await lighthouseRuns([{ name: "student", display, url: `${appUrl}${studentPath}` }], {
    base: appUrl,
    runs: opts.runs,
    jsonDir: opts.jsonDir,
    chromePath,
    chromeFlags: ["--headless=new", ...CHROMIUM_FLAGS],
  });
  const loadAfter = os.loadavg();

  const perf = lh.scores.performance;
  const a11y = lh.scores.accessibility;
  console.log("");
  console.log(machineLine());
  console.log(
    `load average (1/5/15 min) before the run ${loadBefore.map((l) => l.toFixed(2)).join(" ")}, after ${loadAfter.map((l) => l.toFixed(2)).join(" ")} · Lighthouse ${lighthouseVersion}, mobile preset (simulated throttling), ${path.basename(chromePath)} headless`,
  );
  table(
    `Student page ${display} — median of ${opts.runs} Lighthouse mobile run(s); first-load JS = every <script src> + modulepreload of the HTML (and a module's imports), gzip -9; "fetched" = every script Chromium fetched loading the page`,
    ["metric", "median", "runs", "target", "verdict"],
    [
      ["performance", fmt(perf), lh.perfRuns.join(" / "), `≥ ${TARGET_PERFORMANCE}`, verdict(perf >= TARGET_PERFORMANCE)],
      [
        "accessibility",
        fmt(a11y),
        lh.scoreRuns.accessibility.join(" / "),
        `${TARGET_ACCESSIBILITY}`,
        verdict(a11y >= TARGET_ACCESSIBILITY),
      ],
      ["best practices", fmt(lh.scores["best-practices"]), lh.scoreRuns["best-practices"].join(" / "), "–", ""],
      [
        "first-load JS gzip",
        `${kB(weight.gzip)} kB`,
        `${fmt(weight.gzip)} bytes; ${weight.files.length} files, ${kB(weight.raw)} kB raw; inline scripts ${kB(weight.inlineGzip)} kB gzip`,
        `≤ ${TARGET_JS_GZIP / 1000} kB`,
        verdict(weight.gzip <= TARGET_JS_GZIP),
      ],
      [
        "JS Chromium fetched, gzip",
        `${kB(fetched.gzip)} kB`,
        `${fmt(fetched.gzip)} bytes; ${fetched.files.length} files, ${kB(fetched.raw)} kB raw`,
        `≤ ${TARGET_JS_GZIP / 1000} kB`,
        verdict(fetched.gzip <= TARGET_JS_GZIP),
      ],
    ],
  );
  const m = lh.metrics;
  console.log(
    `median-performance run: FCP ${m.fcp} · LCP ${m.lcp} · TBT ${m.tbt} · CLS ${m.cls} · Speed Index ${m.si} · CPU index ${fmt(lh.benchmarkIndex)} (Lighthouse's benchmarkIndex; a busy machine lowers it and the score)`,
  );
  console.log(
    `largest student-page chunks (gzip kB): ${weight.files
      .slice()
      .sort((a, b) => b.gzip - a.gzip)
      .slice(0, 5)
      .map((f) => `${path.basename(new URL(f.url).pathname)} ${kB(f.gzip)}`)
      .join(", ")}`,
  );
  for (const cat of ["accessibility", "best-practices"])
    if (lh.failing[cat].length)
      for (const a of lh.failing[cat])
        console.log(`${cat} failing (any run): ${a.title} [${a.id}]${a.items.length ? `: ${a.items.join(" | ")}` : ""}`);
  if (perf < TARGET_PERFORMANCE) {
    console.log(`performance: LCP element ${lh.lcpElement}; main-thread script time by file: ${lh.bootup.join(", ") || "–"}`);
    console.log(`performance opportunities: ${lh.opportunities.join("; ") || "none reported"}`);
  }
}

await runBench("[bench] bench/lighthouse.mjs", main);
