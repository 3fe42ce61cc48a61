import { existsSync } from "node:fs";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

// One host name everywhere (cookies are per host). It must be "localhost":
// Next rewrites 127.0.0.1 to localhost in request URLs, so Auth.js redirects there.
// E2E_PORT_OFFSET lets two checkouts run their e2e suites side by side.
const offset = Number(process.env.E2E_PORT_OFFSET ?? 0);
export const APP_PORT = 3100 + offset;
export const S3_PORT = 4610 + offset;
export const BASE_URL = `http://localhost:${APP_PORT}`;
export const E2E_DATA_DIR = path.join(process.cwd(), ".e2e-data");

// Debian's Chromium where present (CI, this machine); Playwright's own browser on a laptop.
const chromium = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export default defineConfig({
  testDir: "./e2e",
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  // One retry in CI only: a journey that fails under a loaded 2-core machine and then passes is reported "flaky", not hidden.
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"]],
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    ...devices["Desktop Chrome"],
    launchOptions: {
      executablePath: chromium,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-quic",
        "--disable-sync",
        "--autoplay-policy=no-user-gesture-required",
      ],
    },
  },
  webServer: {
    command: "node scripts/dev.mjs --prod --fresh",
    url: `${BASE_URL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(APP_PORT),
      APP_URL: BASE_URL,
      S3_PORT: String(S3_PORT),
      APEX_DATA_DIR: E2E_DATA_DIR,
      // The embedded defaults, whatever the outer shell has set.
      DATABASE_URL: "",
      S3_ENDPOINT: "",
      S3_BUCKET: "",
      APP_ENV: "local",
      // The security spec sends thousands of requests from one address; limits themselves are tested in test/integration.
      RATE_LIMIT_SCALE: "100",
      // Short backoffs are not needed: the app delivers right after enqueueing.
    },
  },
});
