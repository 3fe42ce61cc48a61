// The e2e tests drive Chromium. Use the system's (Debian: apt-get install chromium)
// when present; otherwise make sure Playwright's own Chromium is installed, so a
// newcomer's `npm test` works on a laptop too.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chromium } from "playwright";

const system = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (existsSync(system)) {
  console.log(`[apexshare] e2e browser: ${system}`);
} else if (existsSync(chromium.executablePath())) {
  console.log(`[apexshare] e2e browser: ${chromium.executablePath()}`);
} else {
  console.log("[apexshare] no Chromium found; installing Playwright's Chromium (one-time download)…");
  execFileSync(process.execPath, ["node_modules/playwright/cli.js", "install", "chromium"], { stdio: "inherit" });
}
