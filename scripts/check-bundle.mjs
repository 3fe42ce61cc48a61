// CI check: nothing local reaches a deploy artifact (issue 17).
// Plants what a developer's laptop has after `npm run dev` — a `.data/` folder with
// secrets, the demo trainer's password and a PGlite database, plus `.e2e-data/` — with a
// random canary in each file, builds the OpenNext artifact `sst deploy` ships, bundles
// every function sst.config.ts declares the way SST does (esbuild), then fails if any
// artifact holds a local file, a canary, or PGlite. Prints each artifact's size against
// its budget (a MISS is reported, not failed).
// Usage: npm run check:bundle            (plants, builds, checks, removes what it planted)
//        npm run check:bundle -- --no-build   (checks the existing .open-next/)
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const root = process.cwd();
const MB = 1024 * 1024;
const SERVER_BUDGET_BYTES = 25 * MB;
const canary = `apex-canary-${randomBytes(12).toString("hex")}`;

/** Strings only local-only modules contain: [marker, what it means]. */
const LOCAL_CODE_MARKERS = [
  ["demo-trainer@apexshare.local", "the demo trainer seeding (lib/auth/demo-trainer)"],
  ["drizzle-orm/pglite", "the PGlite driver"],
];

// ── 1. A laptop's local folders, each file carrying the canary ────────────────
const planted = []; // files and folders this run created, removed again at the end (newest first)
function plant(rel, content) {
  const file = path.join(root, rel);
  if (existsSync(file)) return; // never overwrite a developer's real data
  const missing = [];
  for (let dir = path.dirname(file); !existsSync(dir); dir = path.dirname(dir)) missing.unshift(dir);
  for (const dir of missing) {
    mkdirSync(dir);
    planted.push(dir);
  }
  writeFileSync(file, content, { mode: 0o600 });
  planted.push(file);
}
plant(".data/canary.secret", canary);
plant(".data/auth.secret", `${canary}-auth-secret-for-the-check`);
plant(".data/demo-trainer.json", JSON.stringify({ email: "demo-trainer@apexshare.local", password: canary }));
plant(".data/pglite/PG_VERSION", "17\n");
plant(".data/pglite/base/1/1259", `${canary}\n`.repeat(64));
plant(".data/s3/apexshare-local/videos/canary.mp4", canary);
plant(".e2e-data/canary.secret", canary);
plant(".e2e-data/demo-trainer.json", JSON.stringify({ email: "demo-trainer@apexshare.local", password: canary }));

const bundleDir = mkdtempSync(path.join(tmpdir(), "apex-check-bundle-"));
const leaks = [];
const rows = [];
try {
  // ── 2. The OpenNext artifact (server, image optimization, revalidation, warmer, assets) ──
  if (!process.argv.includes("--no-build")) {
    console.log("building the OpenNext artifact (OPEN_NEXT_LOCAL=1 open-next build) …");
    const log = path.join(root, ".open-next-build.log");
    try {
      execFileSync(path.join(root, "node_modules", ".bin", "open-next"), ["build"], {
        env: { ...process.env, OPEN_NEXT_LOCAL: "1" },
        stdio: ["ignore", "pipe", "pipe"],
        maxBuffer: 256 * MB,
      });
    } catch (err) {
      writeFileSync(log, `${err.stdout ?? ""}${err.stderr ?? ""}`);
      console.error(readFileSync(log, "utf8"));
      throw new Error("open-next build failed", { cause: err });
    }
  }
  const openNext = path.join(root, ".open-next");
  if (!existsSync(openNext)) throw new Error(".open-next/ is missing: run without --no-build");
  const artifacts = [];
  for (const fn of readdirSync(path.join(openNext, "server-functions"))) {
    artifacts.push({ name: `server function (${fn})`, dir: path.join(openNext, "server-functions", fn), budget: SERVER_BUDGET_BYTES });
  }
  for (const entry of readdirSync(openNext, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name !== "server-functions")
      artifacts.push({ name: entry.name, dir: path.join(openNext, entry.name) });
  }

  // ── 3. Every function sst.config.ts declares, bundled as SST does (esbuild) ──
  const { build } = await import("esbuild");
  for (const fn of sstFunctions(readFileSync(path.join(root, "sst.config.ts"), "utf8"))) {
    const outdir = path.join(bundleDir, fn.name);
    for (const pkg of fn.install) {
      if (isLocalOnly(`node_modules/${pkg}/`)) leaks.push(`${fn.name}: sst.config.ts installs ${pkg} into the function (nodejs.install)`);
    }
    const result = await build({
      entryPoints: [path.join(root, fn.entry)],
      outdir,
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      mainFields: ["module", "main"],
      // What SST leaves out by default, plus the function's own `nodejs.install` list.
      external: ["sharp", "pg-native", ...fn.install],
      banner: {
        js: `import { createRequire as topLevelCreateRequire } from "module"; const require = topLevelCreateRequire(import.meta.url);`,
      },
      metafile: true,
      logLevel: "error",
    });
    // The source files esbuild pulled in: a local-only module shows up here even when renamed in the output.
    for (const input of Object.keys(result.metafile.inputs)) {
      if (isLocalOnly(input)) leaks.push(`${fn.name}: bundles ${input}`);
    }
    for (const copy of fn.copyFiles) {
      const from = path.join(root, copy);
      if (existsSync(from)) execFileSync("cp", ["-R", from, path.join(outdir, path.basename(copy))]);
    }
    artifacts.push({ name: `${fn.name} (${fn.entry})`, dir: outdir });
  }

  // ── 4. Scan every file of every artifact ──────────────────────────────────
  for (const a of artifacts) {
    let total = 0;
    for (const file of walk(a.dir)) {
      const rel = path.relative(a.dir, file).split(path.sep).join("/");
      const size = statSync(file).size;
      total += size;
      if (isLocalOnly(rel)) {
        leaks.push(`${a.name}: ${rel}`);
        continue;
      }
      if (size >= 64 * MB) continue;
      const bytes = readFileSync(file);
      if (bytes.includes(canary)) leaks.push(`${a.name}: ${rel} contains the canary from .data/`);
      // Local-only code compiled into a chunk under another name (a deploy build compiles it out).
      for (const [marker, what] of LOCAL_CODE_MARKERS)
        if (/\.m?js$/.test(rel) && bytes.includes(marker)) leaks.push(`${a.name}: ${rel} contains ${what}`);
    }
    const verdict = a.budget === undefined ? "" : total <= a.budget ? `PASS (budget ${fmt(a.budget)})` : `MISS (budget ${fmt(a.budget)})`;
    rows.push([a.name, fmt(total), verdict]);
  }
} finally {
  for (const p of planted.reverse()) rmSync(p, { recursive: true, force: true });
  rmSync(bundleDir, { recursive: true, force: true });
}

const width = Math.max(...rows.map((r) => r[0].length));
console.log("\nartifact sizes:");
for (const [name, size, verdict] of rows) console.log(`  ${name.padEnd(width)}  ${size.padStart(9)}  ${verdict}`);
if (leaks.length) {
  console.error(`\nFAIL: ${leaks.length} local file(s) or module(s) in a deploy artifact:`);
  for (const l of leaks.slice(0, 40)) console.error(`  - ${l}`);
  if (leaks.length > 40) console.error(`  … and ${leaks.length - 40} more`);
  process.exit(1);
}
console.log("\nok: no local data, secrets, demo trainer or PGlite in any deploy artifact");

/** A path (relative, `/`-separated) that must never be deployed. */
function isLocalOnly(p) {
  const parts = p.split("/");
  const base = parts.at(-1);
  return (
    parts.some((s) => s === ".data" || s.startsWith(".e2e-data")) ||
    base.endsWith(".secret") ||
    base === "demo-trainer.json" ||
    /node_modules\/@electric-sql\/pglite(-[0-9a-f]+)?\//.test(p) ||
    /@electric-sql_pglite|drizzle-orm_pglite/.test(base) ||
    base === "pglite.data" ||
    /^(pglite|initdb)\.wasm$/.test(base) ||
    /(^|\/)lib\/auth\/demo-trainer\.ts$/.test(p) ||
    /(^|\/)db\/pglite\.ts$/.test(p)
  );
}

/**
 * The functions sst.config.ts deploys besides the site: each `handler: "infra/x.handler"`,
 * with the `nodejs.install` and `copyFiles` of the same declaration. A light parse on
 * purpose: a new function in sst.config.ts is checked without touching this script.
 */
function sstFunctions(source) {
  const fns = [];
  const re = /handler:\s*"([^"]+)\.(\w+)"/g;
  let m;
  const starts = [];
  while ((m = re.exec(source))) starts.push({ index: m.index, file: m[1] });
  starts.forEach((s, i) => {
    const block = source.slice(s.index, starts[i + 1]?.index ?? source.length);
    const install = /install:\s*\[([^\]]*)\]/.exec(block)?.[1] ?? "";
    const copyFiles = [...block.matchAll(/from:\s*"([^"]+)"/g)].map((c) => c[1]);
    const entry = ["ts", "mts", "js", "mjs"].map((ext) => `${s.file}.${ext}`).find((f) => existsSync(path.join(root, f)));
    if (!entry) throw new Error(`sst.config.ts names ${s.file} but no such file exists`);
    fns.push({ name: path.basename(s.file), entry, install: [...install.matchAll(/"([^"]+)"/g)].map((x) => x[1]), copyFiles });
  });
  return fns;
}

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(p);
    else if (entry.isFile()) yield p;
  }
}

function fmt(bytes) {
  return `${(bytes / MB).toFixed(1)} MB`;
}
