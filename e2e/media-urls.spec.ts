// Short-lived media URLs (MEDIA_URL_TTL_SECONDS, 15 minutes here) in a real player: the page's
// clock is moved forward (Playwright's clock: timers and Date, not the video's own time) and the
// player must fetch fresh URLs before the old ones die, reload the same source at the same time,
// paused or playing as it was — and get none once the trainer revokes the link.
import path from "node:path";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { readEmail, signInAsTrainer } from "./support/app";
import { S3_ORIGIN } from "./support/s3";
import { startUpload, waitUntilDone } from "./support/upload";

const FIXTURE = path.join(process.cwd(), "e2e", "fixtures", "session.mp4"); // 6 s H.264
// Unique per run: a retry must not find the first attempt's share on the dashboard.
const STUDENT = `fresh.urls.${Date.now().toString(36)}@example.com`;
// The player renews 2 minutes before a 15-minute URL expires.
const PAST_RENEWAL = "13:30";

const sourceUrl = (player: Locator) => player.locator("source").getAttribute("src");
const state = (player: Locator) =>
  player.evaluate((v: HTMLVideoElement) => ({ time: v.currentTime, paused: v.paused, loaded: v.currentSrc, ready: v.readyState }));

async function renewal(page: Page) {
  const answer = page.waitForResponse((r) => r.url().endsWith("/api/playback"));
  await page.clock.fastForward(PAST_RENEWAL);
  return answer;
}

test("the player re-signs its media URLs before they expire, keeps its place, and gets none after a revoke", async ({ page, browser }) => {
  test.setTimeout(180_000);
  await signInAsTrainer(page);
  // The dashboard thumbnail goes up as a presigned POST (the form's policy: image/jpeg, ≤ 256 KiB), straight to S3.
  const thumbnailPost = page.waitForResponse((r) => r.request().method() === "POST" && r.url().startsWith(S3_ORIGIN));
  await startUpload(page, FIXTURE, STUDENT);
  await waitUntilDone(page, 60_000);
  expect((await thumbnailPost).status()).toBe(204);
  const link = (await readEmail(page, STUDENT, /./)).links.find((l) => l.includes("/d/"))!;

  const student = await browser.newPage();
  await student.clock.install();
  await student.goto(link);
  const player = student.getByTestId("player");
  await expect(player).toBeVisible();
  const first = await sourceUrl(player);
  expect(first).toContain("X-Amz-Expires=900");

  // Paused at 2.5 s: after the renewal, the new URL is loaded, still paused at 2.5 s.
  await player.evaluate(async (v: HTMLVideoElement) => {
    v.muted = true;
    if (v.readyState < 1) await new Promise((r) => v.addEventListener("loadedmetadata", r, { once: true }));
    v.currentTime = 2.5;
    await new Promise((r) => v.addEventListener("seeked", r, { once: true }));
  });
  expect((await renewal(student)).status()).toBe(200);
  await expect.poll(() => sourceUrl(player)).not.toBe(first);
  const second = (await sourceUrl(player))!;
  await expect.poll(async () => (await state(player)).loaded).toBe(second);
  await expect.poll(async () => (await state(player)).ready).toBeGreaterThanOrEqual(1);
  expect(await state(player)).toMatchObject({ time: 2.5, paused: true });

  // Playing: after the next renewal it plays on from where it was, not from 0.
  // SigV4 URLs carry the signing second: let the server's clock pass it, or the "fresh" URL is byte-identical to the last.
  await new Promise((r) => setTimeout(r, 1100));
  await player.evaluate((v: HTMLVideoElement) => v.play());
  expect((await renewal(student)).status()).toBe(200);
  await expect.poll(async () => (await state(player)).loaded).not.toBe(second);
  await expect.poll(async () => state(player)).toMatchObject({ paused: false });
  expect((await state(player)).time).toBeGreaterThanOrEqual(2.5);

  // Revoked: the next renewal is refused and the student is told; no new URL.
  const loaded = (await state(player)).loaded;
  await page.goto("/trainer");
  await page.getByRole("button", { name: `Revoke link for ${STUDENT}` }).click();
  await expect(page.locator(`[data-testid="share-row"][data-email="${STUDENT}"]`).getByTestId("st-link")).toHaveText("link revoked");
  expect((await renewal(student)).status()).toBe(404);
  await expect(student.getByTestId("withdrawn")).toBeVisible();
  expect((await state(player)).loaded).toBe(loaded);
  await student.close();
});

test("a player whose URLs fail to load (a tab that slept past them) fetches fresh ones and plays", async ({ page, browser }) => {
  await signInAsTrainer(page);
  await startUpload(page, FIXTURE, "slept.tab@example.com");
  await waitUntilDone(page, 60_000);
  const link = (await readEmail(page, "slept.tab@example.com", /./)).links.find((l) => l.includes("/d/"))!;

  const student = await browser.newPage();
  // The first media request is refused as S3 refuses an expired URL; later ones go through.
  let refused = 0;
  await student.route(`${S3_ORIGIN}/**`, async (route) => {
    if (refused === 0 && /\.mp4/.test(route.request().url())) {
      refused++;
      return route.fulfill({ status: 403, contentType: "application/xml", body: "<Error><Code>AccessDenied</Code></Error>" });
    }
    return route.continue();
  });
  const renewed = student.waitForResponse((r) => r.url().endsWith("/api/playback"));
  await student.goto(link);
  expect((await renewed).status()).toBe(200);
  const player = student.getByTestId("player");
  await player.evaluate(async (v: HTMLVideoElement) => {
    v.muted = true;
    if (v.readyState < 1) await new Promise((r) => v.addEventListener("loadedmetadata", r, { once: true }));
    await v.play();
  });
  await expect.poll(() => player.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 15_000 }).toBeGreaterThan(0.5);
  expect(refused).toBe(1);
  await expect(student.getByTestId("cannot-play")).toHaveCount(0);
  await student.close();
});
