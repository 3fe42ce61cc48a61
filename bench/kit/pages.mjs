// Page weight (first-load JS, gzip) and Lighthouse runs, shared by bench/api.mjs and bench/lighthouse.mjs.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { atCleanup } from "./processes.mjs";
import { median } from "./report.mjs";

/**
 * First-load JS of one page: every <script src> and modulepreload/preload-as-script of its HTML,
 * wherever it is served from (Next's chunks under /_next/static/chunks/, the link page's module
 * under /_next/static/apex/), plus the static imports of each ES module, fetched and gzipped (-9);
 * <script nomodule> files (modern browsers skip them) apart. Inline scripts (Next's RSC payload) are
 * counted apart too: they are in the HTML's bytes.
 */
export async function pageWeight(base, p, { cookie } = {}) {
  const res = await fetch(new URL(p, base), { headers: cookie ? { cookie } : {}, redirect: "manual" });
  const html = await res.text();
  const urls = new Map(); // url → loaded by modern browsers (false: <script nomodule>)
  const modules = new Set(); // ES modules: their static imports load too
  const attr = (tag, name) =>
    new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, "i")
      .exec(tag)
      ?.slice(1)
      .find((v) => v !== undefined);
  const has = (tag, name) => new RegExp(`\\s${name}(?=[\\s=>/])`, "i").test(tag);
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = attr(tag, "src");
    if (src) urls.set(src, (urls.get(src) ?? false) || !has(tag, "nomodule"));
    if (src && (attr(tag, "type") ?? "").toLowerCase() === "module") modules.add(new URL(src.replaceAll("&amp;", "&"), base).href);
  }
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = (attr(tag, "rel") ?? "").toLowerCase();
    const as = (attr(tag, "as") ?? "").toLowerCase();
    const href = attr(tag, "href");
    if (href && (rel === "modulepreload" || (rel === "preload" && as === "script"))) urls.set(href, true);
    if (href && rel === "modulepreload") modules.add(new URL(href.replaceAll("&amp;", "&"), base).href);
  }
  let inline = "";
  for (const [, tag, body] of html.matchAll(/(<script\b[^>]*>)([\s\S]*?)<\/script>/gi))
    if (!attr(tag, "src") && !/type\s*=\s*["']?application\/(ld\+)?json/i.test(tag)) inline += body;
  const files = [];
  const skipped = [];
  const queue = [...urls].map(([u, loaded]) => [new URL(u.replaceAll("&amp;", "&"), base).href, loaded]);
  const seen = new Set();
  while (queue.length) {
    const [href, loaded] = queue.shift();
    if (seen.has(href)) continue;
    seen.add(href);
    const r = await fetch(href);
    if (!r.ok) throw new Error(`${new URL(href).pathname}: ${r.status}`);
    const buf = Buffer.from(await r.arrayBuffer());
    (loaded ? files : skipped).push({ url: href, raw: buf.length, gzip: zlib.gzipSync(buf, { level: 9 }).length });
    // An ES module's static imports load with it (esbuild's and Next's minified forms: import"x", from"x").
    if (modules.has(href))
      for (const [, spec] of buf.toString("utf8").matchAll(/(?:\bimport\s*|\bfrom\s*)["']((?:\.{1,2}\/|\/)[^"']+\.m?js)["']/g)) {
        const dep = new URL(spec, href).href;
        modules.add(dep);
        queue.push([dep, loaded]);
      }
  }
  const sum = (list, k) => list.reduce((s, f) => s + f[k], 0);
  return {
    status: res.status,
    files,
    raw: sum(files, "raw"),
    gzip: sum(files, "gzip"),
    nomoduleGzip: sum(skipped, "gzip"),
    inlineGzip: inline ? zlib.gzipSync(Buffer.from(inline), { level: 9 }).length : 0,
    htmlGzip: zlib.gzipSync(Buffer.from(html), { level: 9 }).length,
  };
}

/**
 * Lighthouse (mobile preset, the default) `runs` times per target, a fresh Chromium and profile per run;
 * the median score per category, the failing accessibility / best-practices audits, and the metrics,
 * opportunities and main-thread script time of the run nearest the median performance.
 */
export async function lighthouseRuns(
  targets,
  { base, runs: LH_RUNS = 3, jsonDir: LH_JSON_DIR = null, chromePath: CHROMIUM, chromeFlags: CHROME_FLAGS },
) {
  const BASE = base;
  const { default: lighthouse } = await import("lighthouse");
  const chromeLauncher = await import("chrome-launcher");
  const categories = ["performance", "accessibility", "best-practices"];
  const out = [];
  for (const t of targets) {
    const runs = [];
    for (let i = 0; i < LH_RUNS; i++) {
      // A fresh Chromium (and profile) per run: nothing cached, the favicon fetched every time.
      const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: CHROME_FLAGS, logLevel: "silent" });
      const kill = async () => {
        try {
          await chrome.kill();
        } catch {}
      };
      atCleanup(kill);
      let lhr;
      try {
        lhr = (await lighthouse(t.url, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: categories })).lhr;
      } finally {
        await kill();
      }
      if (lhr.runtimeError) throw new Error(`Lighthouse ${t.display}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      if (LH_JSON_DIR) {
        mkdirSync(LH_JSON_DIR, { recursive: true });
        writeFileSync(path.join(LH_JSON_DIR, `${t.name}-${i + 1}.lhr.json`), JSON.stringify(lhr));
      }
      runs.push(lhr);
    }
    const score = (lhr, c) => (lhr.categories[c]?.score == null ? NaN : Math.round(lhr.categories[c].score * 100));
    const scores = Object.fromEntries(categories.map((c) => [c, median(runs.map((l) => score(l, c)))]));
    const perfRuns = runs.map((l) => score(l, "performance"));
    const scoreRuns = Object.fromEntries(categories.map((c) => [c, runs.map((l) => score(l, c))]));
    // The run nearest the median performance stands for the page.
    const lhr = runs.reduce((best, l) =>
      Math.abs(score(l, "performance") - scores.performance) < Math.abs(score(best, "performance") - scores.performance) ? l : best,
    );
    const failing = {};
    for (const cat of ["accessibility", "best-practices"]) {
      const seen = new Map();
      for (const l of runs) {
        for (const ref of l.categories[cat]?.auditRefs ?? []) {
          const a = l.audits[ref.id];
          if (
            !(ref.weight > 0) ||
            !a ||
            a.score === null ||
            a.score >= 1 ||
            !["binary", "numeric"].includes(a.scoreDisplayMode) ||
            seen.has(a.id)
          )
            continue;
          const items = (a.details?.items ?? [])
            .slice(0, 3)
            .map((it) =>
              [
                it.description ?? it.node?.snippet ?? it.source ?? it.url,
                it.sourceLocation?.url && `(${it.sourceLocation.url.replace(BASE, "")})`,
              ]
                .filter(Boolean)
                .join(" ")
                .replace(/\s+/g, " ")
                .slice(0, 200),
            );
          seen.set(a.id, { id: a.id, title: a.title, items: items.filter(Boolean) });
        }
      }
      failing[cat] = [...seen.values()];
    }
    const dv = (id) => lhr.audits[id]?.displayValue?.replace(/\u00a0/g, " ") ?? "–";
    const metrics = {
      fcp: dv("first-contentful-paint"),
      lcp: dv("largest-contentful-paint"),
      tbt: dv("total-blocking-time"),
      cls: dv("cumulative-layout-shift"),
      si: dv("speed-index"),
    };
    const opportunities = Object.values(lhr.audits)
      .filter((a) => a.details?.type === "opportunity" && a.score !== null && a.score < 1 && (a.details.overallSavingsMs ?? 0) > 0)
      .sort((p, q) => q.details.overallSavingsMs - p.details.overallSavingsMs)
      .slice(0, 4)
      .map((a) => `${a.title} (~${Math.round(a.details.overallSavingsMs)} ms)`);
    const lcpElement = lhr.audits["largest-contentful-paint-element"]?.details?.items?.[0]?.items?.[0]?.node?.snippet?.slice(0, 80) ?? "–";
    const bootup = (lhr.audits["bootup-time"]?.details?.items ?? [])
      .slice(0, 3)
      .map(
        (it) =>
          `${String(it.url).startsWith(BASE) ? new URL(it.url).pathname.replace(/^\/d\/[^/]+$/, "/d/<token>").replace(/^\/_next\/static\/chunks\//, "") : it.url} ${Math.round(it.scripting)} ms`,
      );
    out.push({
      display: t.display,
      scores,
      perfRuns,
      scoreRuns,
      failing,
      metrics,
      opportunities,
      lcpElement,
      bootup,
      benchmarkIndex: lhr.environment?.benchmarkIndex,
    });
  }
  return out;
}

/**
 * The JS a browser really fetches while loading a page (Chromium through Playwright, until the
 * network is idle): every response of resource type "script", gzipped (-9). Cross-checks pageWeight,
 * which reads the HTML: a script loaded by another script shows here only.
 */
export async function scriptsFetched(url, { chromePath, chromeFlags = [] }) {
  const { chromium } = await import("playwright");
  const browser = await chromium.launch({ executablePath: chromePath, args: ["--headless", ...chromeFlags] });
  atCleanup(() => browser.close());
  try {
    const page = await browser.newPage();
    const seen = [];
    page.on("response", (r) => {
      if (r.request().resourceType() === "script")
        seen.push(r.body().then((b) => ({ url: r.url(), raw: b.length, gzip: zlib.gzipSync(b, { level: 9 }).length })));
    });
    await page.goto(url, { waitUntil: "networkidle" });
    const files = await Promise.all(seen);
    return { files, raw: files.reduce((s, f) => s + f.raw, 0), gzip: files.reduce((s, f) => s + f.gzip, 0) };
  } finally {
    await browser.close();
  }
}
