// The e2e tests drive Chromium; `npm test` runs this first so a missing browser is the
// first thing a newcomer hears about, not a stack trace after the integration tests.
// Order: CHROMIUM_PATH or Debian's /usr/bin/chromium → Playwright's own Chromium →
// as root with apt-get, install Debian's `chromium` → Playwright's download. When all
// fail it prints the one command that fixes it and exits 1 (no stack trace).
import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync } from "node:fs";
import path from "node:path";
import { chromium } from "playwright";

const SYSTEM = "/usr/bin/chromium"; // where Debian's package puts it (playwright.config.ts looks there too)
const say = (line) => console.log(`[apexshare] ${line}`);

function fail(line) {
  console.error(`[apexshare] ${line}`);
  process.exit(1);
}

function onPath(cmd) {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    try {
      accessSync(path.join(dir, cmd), constants.X_OK);
      return true;
    } catch {}
  }
  return false;
}

const configured = process.env.CHROMIUM_PATH;
if (configured) {
  // playwright.config.ts launches exactly this path: anything else would not be used.
  if (existsSync(configured)) say(`e2e browser: ${configured} (CHROMIUM_PATH)`);
  else
    fail(
      `CHROMIUM_PATH=${configured} does not exist: point it at a Chromium binary, or unset it to use ${SYSTEM} or Playwright's Chromium.`,
    );
  process.exit(0);
}

if (existsSync(SYSTEM)) {
  say(`e2e browser: ${SYSTEM}`);
  process.exit(0);
}
if (existsSync(chromium.executablePath())) {
  say(`e2e browser: ${chromium.executablePath()}`);
  process.exit(0);
}

const apt = onPath("apt-get");
if (apt && process.getuid?.() === 0) {
  say(`no Chromium found; installing Debian's chromium (apt-get update && apt-get install -y chromium)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const ok =
    spawnSync("apt-get", ["update"], { stdio: "inherit", env }).status === 0 &&
    spawnSync("apt-get", ["install", "-y", "chromium"], { stdio: "inherit", env }).status === 0;
  if (ok && existsSync(SYSTEM)) {
    say(`e2e browser: ${SYSTEM}`);
    process.exit(0);
  }
  say("apt-get could not install chromium; trying Playwright's download instead…");
} else {
  say("no Chromium found; downloading Playwright's Chromium (one-time)…");
}

// Its output is kept out of sight: offline it is a page of stack traces. The first error line says why.
const download = spawnSync(process.execPath, [path.join("node_modules", "playwright", "cli.js"), "install", "chromium"], {
  encoding: "utf8",
});
if (download.status === 0 && existsSync(chromium.executablePath())) {
  say(`e2e browser: ${chromium.executablePath()}`);
  process.exit(0);
}
const why =
  `${download.stderr ?? ""}\n${download.stdout ?? ""}`
    .split("\n")
    .find((l) => /^\s*Error:/.test(l))
    ?.trim() ??
  download.error?.message ??
  `exit ${download.status}`;
const fix = apt ? "sudo apt-get install chromium" : "npx playwright install chromium";
fail(`the e2e tests need Chromium and none could be installed (${why}). Run: ${fix} — then npm test again.`);
