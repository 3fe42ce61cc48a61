// The page shell: static files in public/, the shared trainer header, error
// messages a trainer sees when a request fails, and the friendly error page when
// the database is down.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { expect, test } from "@playwright/test";
import { startTcpProxy } from "../test/support/tcp-proxy";
import { demoTrainer, signInAsTrainer } from "./support/app";

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
const OUTAGE_PORT = 3400 + Number(process.env.E2E_PORT_OFFSET ?? 0);
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

test("a database outage on the trainer dashboard shows a friendly page, and Try again recovers", async ({ browser }) => {
  test.setTimeout(180_000);
  test.skip(!(await postgresAvailable()), `needs a PostgreSQL server at ${PG_URL}`);
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
    },
    stdio: "ignore",
  });
  try {
    // The server opens (and migrates) the database before it answers, writing the demo trainer.
    await expect.poll(async () => (await fetch(`${OUTAGE_BASE}/signin`).catch(() => null))?.status ?? 0, { timeout: 60_000 }).toBe(200);
    const context = await browser.newContext({ baseURL: OUTAGE_BASE });
    const page = await context.newPage();
    await signInAsTrainer(page, JSON.parse(readFileSync(path.join(OUTAGE_DATA, "demo-trainer.json"), "utf8")));
    await expect(page.getByRole("heading", { name: "Your uploads" })).toBeVisible();

    await proxy.cut();
    await page.goto("/trainer");
    await expect(page.getByRole("heading", { name: "Something went wrong on our side" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Your uploads" })).toHaveCount(0);

    await proxy.restore();
    await page.getByRole("button", { name: "Try again" }).click();
    await expect(page.getByRole("heading", { name: "Your uploads" })).toBeVisible({ timeout: 30_000 });
    await context.close();
  } finally {
    app.kill("SIGKILL");
    await proxy.close();
    rmSync(OUTAGE_DATA, { recursive: true, force: true });
    await adminQuery(`drop database if exists ${dbName} with (force)`).catch(() => {});
  }
});
