// The page shell: static files in public/, the shared trainer header, error
// messages a trainer sees when a request fails, and the friendly error page when
// the database is down.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { expect, test } from "@playwright/test";
import { startTcpProxy } from "../scripts/lib/tcp-proxy.mjs";
import { demoTrainer, signInAsTrainer } from "./support/app";
import { expectAxeClean } from "./support/axe";

test("robots.txt keeps student links and student pages out of search engines; favicon and logo are served", async ({ page, request }) => {
  const robots = await request.get("/robots.txt");
  expect(robots.status()).toBe(200);
  const rules = (await robots.text()).split("\n").map((l) => l.trim());
  expect(rules).toContain("User-agent: *");
  expect(rules).toContain("Disallow: /d/");
  expect(rules).toContain("Disallow: /student/");
  for (const file of ["/icon.svg", "/logo.svg"]) {
    const res = await request.get(file);
    expect(res.status(), file).toBe(200);
    expect(res.headers()["content-type"]).toContain("image/svg+xml");
  }
  await page.goto("/");
  await expect(page.locator('link[rel="icon"]')).toHaveAttribute("href", "/icon.svg");
});

test("every trainer page has the same header: dashboard link, who is signed in, sign out", async ({ page }) => {
  await signInAsTrainer(page);
  for (const url of ["/trainer", "/trainer/upload"]) {
    await page.goto(url);
    const header = page.locator("header");
    await expect(header.getByRole("link", { name: "Dashboard" })).toBeVisible();
    await expect(header.getByText(demoTrainer().email)).toBeVisible();
    await expect(header.getByRole("button", { name: "Sign out" })).toBeVisible();
  }
  await page.locator("header").getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/localhost:\d+\/$/);
  await page.goto("/trainer");
  await expect(page).toHaveURL(/\/signin$/);
});

test("discarding an unfinished upload shows the server's message when it fails, and works when it does not", async ({ page }) => {
  await signInAsTrainer(page);
  const created = await page.request.post("/api/uploads", {
    data: {
      fileName: "discard-me.mp4",
      size: 4096,
      contentType: "video/mp4",
      title: "Discard me",
      sessionDate: "2026-11-20",
      students: [{ email: "discard@example.com" }],
    },
  });
  expect(created.status()).toBe(201);
  const { videoId } = await created.json();

  await page.goto("/trainer");
  const row = page.locator(`[data-testid="video-row"][data-video-id="${videoId}"]`);
  await expect(row.getByTestId("video-status")).toContainText("uploading");
  page.on("dialog", (d) => void d.accept());
  // The database is down for this one request: the server answers 503 with its message.
  await page.route(`**/api/uploads/${videoId}`, (route) =>
    route.request().method() === "DELETE"
      ? route.fulfill({
          status: 503,
          contentType: "application/json",
          body: JSON.stringify({ error: "A backing service is unavailable. Try again shortly." }),
        })
      : route.continue(),
  );
  await row.getByRole("button", { name: "Discard" }).click();
  await expect(row.getByRole("alert")).toHaveText("A backing service is unavailable. Try again shortly.");
  await expect(row.getByRole("button", { name: "Discard" })).toBeEnabled();

  await page.unroute(`**/api/uploads/${videoId}`);
  await row.getByRole("button", { name: "Discard" }).click();
  await expect(row).toHaveCount(0);
});

// A second app on the real PostgreSQL server, reached through a proxy we can cut.
const PG_URL = process.env.E2E_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
// 3150 + offset: never another checkout's app (3100 + a multiple of 100) or S3 (4610 + …) port.
const OUTAGE_PORT = 3150 + Number(process.env.E2E_PORT_OFFSET ?? 0);
const OUTAGE_BASE = `http://localhost:${OUTAGE_PORT}`;
const OUTAGE_DATA = path.join(process.cwd(), ".e2e-data-outage");

async function postgresAvailable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => {});
  }
}

async function adminQuery(sql: string) {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** This app (`next start`) on a fresh database of the real server, reached through a proxy the test can cut or pause. */
async function startAppBehindProxy(env: Record<string, string> = {}) {
  const dbName = `apex_e2e_outage_${Date.now()}`;
  await adminQuery(`create database ${dbName}`);
  const pgUrl = new URL(PG_URL);
  const proxy = await startTcpProxy({ host: pgUrl.hostname, port: Number(pgUrl.port || 5432) });
  const dbUrl = new URL(PG_URL);
  dbUrl.port = String(proxy.port);
  dbUrl.pathname = `/${dbName}`;
  rmSync(OUTAGE_DATA, { recursive: true, force: true });
  const app: ChildProcess = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(OUTAGE_PORT)], {
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      APP_ENV: "local",
      APP_URL: OUTAGE_BASE,
      AUTH_URL: OUTAGE_BASE,
      APEX_DATA_DIR: OUTAGE_DATA,
      DATABASE_URL: dbUrl.toString(),
      RATE_LIMIT_SCALE: "100",
      ...env,
    },
    stdio: "ignore",
    // Its own process group: `next start` runs the server in a child process, which must go with it.
    detached: true,
  });
  // The server opens (and migrates) the database before it answers, writing the demo trainer.
  // Health, not a page: a page would count as "heard from the database" (lib/health/waking). No S3 here: database only.
  const database = async () => ((await (await fetch(`${OUTAGE_BASE}/api/health`)).json()) as { database: string }).database;
  await expect.poll(() => database().catch(() => "down"), { timeout: 60_000 }).toBe("ok");
  return {
    proxy,
    async stop() {
      process.kill(-app.pid!, "SIGKILL");
      await proxy.close();
      rmSync(OUTAGE_DATA, { recursive: true, force: true });
      await adminQuery(`drop database if exists ${dbName} with (force)`).catch(() => {});
    },
  };
}

test("a database outage on the trainer dashboard shows a friendly page, and Try again recovers", async ({ browser }) => {
  test.setTimeout(180_000);
  test.skip(!(await postgresAvailable()), `needs a PostgreSQL server at ${PG_URL}`);
  const { proxy, stop } = await startAppBehindProxy();
  try {
    const context = await browser.newContext({ baseURL: OUTAGE_BASE });
    const page = await context.newPage();
    await signInAsTrainer(page, JSON.parse(readFileSync(path.join(OUTAGE_DATA, "demo-trainer.json"), "utf8")));
    await expect(page.getByRole("heading", { name: "Your sessions" })).toBeVisible();

    await proxy.cut();
    await page.goto("/trainer");
    await expect(page.getByRole("heading", { name: "Something went wrong on our side" })).toBeVisible();
    await expectAxeClean(page, "the error page");
    await expect(page.getByRole("heading", { name: "Your sessions" })).toHaveCount(0);

    await proxy.restore();
    await page.getByRole("button", { name: "Try again" }).click();
    await expect(page.getByRole("heading", { name: "Your sessions" })).toBeVisible({ timeout: 30_000 });
    await context.close();
  } finally {
    await stop();
  }
});

test("the first visitor after the database paused sees 'waking up', and the page reloads itself into the site", async ({ browser }) => {
  test.setTimeout(180_000);
  test.skip(!(await postgresAvailable()), `needs a PostgreSQL server at ${PG_URL}`);
  // Paused like Aurora at 0 ACU: connections are accepted and held unanswered until it has resumed.
  const { proxy, stop } = await startAppBehindProxy({ DATABASE_CONNECT_TIMEOUT_SECONDS: "2" });
  try {
    const context = await browser.newContext({ baseURL: OUTAGE_BASE });
    const page = await context.newPage();
    const csp: string[] = [];
    page.on("console", (m) => /Content Security Policy/i.test(m.text()) && csp.push(m.text()));
    proxy.pause();
    const first = await page.goto("/signin");
    expect(first?.status()).toBe(503);
    expect(first?.headers()["retry-after"]).toBe("5");
    await expect(page.getByRole("heading", { name: "ApexShare is waking up" })).toBeVisible();
    await expect(page.getByText("This page reloads by itself")).toBeVisible();
    // A Dutch browser reads it in Dutch.
    const dutch = await browser.newContext({ baseURL: OUTAGE_BASE, locale: "nl-BE" });
    const dutchPage = await dutch.newPage();
    expect((await dutchPage.goto("/signin"))?.status()).toBe(503);
    await expect(dutchPage.getByRole("heading", { name: "ApexShare wordt wakker" })).toBeVisible();
    await expect(dutchPage.locator("html")).toHaveAttribute("lang", "nl");
    await dutch.close();

    // It resumes; nobody touches the page: its own refresh lands on the sign-in page.
    proxy.resume();
    await expect(page.getByRole("heading", { name: "Trainers", exact: true })).toBeVisible({ timeout: 20_000 });
    expect(page.url()).toBe(`${OUTAGE_BASE}/signin`);
    expect(csp).toEqual([]);
    await context.close();
  } finally {
    await stop();
  }
});
