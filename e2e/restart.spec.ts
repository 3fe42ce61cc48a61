// Fault: the app server is killed and restarted in the middle of an upload.
// The browser keeps the upload going (parts go to S3 directly; signing and
// recording retry with backoff), and the stored object is byte-identical.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { signInAsTrainer } from "./support/app";
import { randomFile, sha256File } from "./support/files";
import { s3Origin, storedSha256 } from "./support/s3";
import { slowPartPuts, startUpload, trackRecordedParts, waitUntilDone } from "./support/upload";

// Not 3300 + offset: that is the app port of the checkout 200 above (3100 + offset); 3170 meets no other port.
const APP_PORT = 3170 + Number(process.env.E2E_PORT_OFFSET ?? 0);
const S3_PORT = 4630 + Number(process.env.E2E_PORT_OFFSET ?? 0);
const BASE = `http://localhost:${APP_PORT}`;
const S3_ORIGIN = s3Origin(S3_PORT);
const DATA = path.join(process.cwd(), ".e2e-data-restart");

const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  APP_ENV: "local",
  APP_URL: BASE,
  AUTH_URL: BASE,
  APEX_DATA_DIR: DATA,
  S3_ENDPOINT: S3_ORIGIN,
  S3_PORT: String(S3_PORT),
  S3_DATA_DIR: path.join(DATA, "s3"),
  DATABASE_URL: "",
  RATE_LIMIT_SCALE: "100",
};

function startApp(): ChildProcess {
  return spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(APP_PORT)], { env, stdio: "ignore" });
}

async function waitHealthy() {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("app did not become healthy");
}

test("an upload survives the app server being killed and restarted mid-way", async ({ browser }) => {
  test.setTimeout(240_000);
  rmSync(DATA, { recursive: true, force: true });
  const s3 = spawn(process.execPath, ["scripts/local-s3.mjs"], { env, stdio: "ignore" });
  let app = startApp();
  try {
    await waitHealthy();
    const creds = JSON.parse(readFileSync(path.join(DATA, "demo-trainer.json"), "utf8"));
    const context = await browser.newContext({ baseURL: BASE });
    const page = await context.newPage();
    await signInAsTrainer(page, creds);

    const recorded = trackRecordedParts(page);
    await slowPartPuts(page, 300, S3_ORIGIN);
    const file = randomFile("restart-200.mp4", 200);
    await startUpload(page, file, "restart.student@example.com");
    await expect.poll(() => recorded.size, { timeout: 60_000 }).toBeGreaterThanOrEqual(4);

    // Kill the app server hard, keep it down for a moment, start it again.
    app.kill("SIGKILL");
    await new Promise((r) => app.once("exit", r));
    const before = recorded.size;
    await new Promise((r) => setTimeout(r, 1500));
    app = startApp();
    await waitHealthy();

    await waitUntilDone(page);
    expect(recorded.size).toBeGreaterThan(before);

    const videos = (await (await page.request.get("/api/videos")).json()).videos as { id: string; title: string; status: string }[];
    const video = videos.find((v) => v.title === "restart-200")!;
    expect(video.status).toBe("ready");
    expect(await storedSha256(`videos/${video.id}/original.mp4`, S3_PORT)).toBe(await sha256File(file));
    await context.close();
  } finally {
    app.kill("SIGKILL");
    s3.kill("SIGTERM");
    rmSync(DATA, { recursive: true, force: true });
  }
});
