// Issue 12 in Chromium, which has no HEVC decoder: a GoPro-like 4K HEVC+AAC
// clip plays with a picture through its H.264 rendition, seeks, and a file
// that is not a video is refused and never emailed.
import { expect, test, type Page } from "@playwright/test";
import { readEmail, signInAsTrainer } from "./support/app";
import { clipArgs } from "../scripts/lib/test-clip.mjs";
import { garbageFile, makeClip, smallClip } from "./support/files";

test.setTimeout(360_000);

async function upload(page: Page, file: string | string[], email: string, title?: string) {
  await page.goto("/trainer/upload");
  await page.getByLabel("Video files").setInputFiles(file);
  if (title) await page.getByRole("list", { name: "Selected videos" }).getByLabel("Title").fill(title);
  await page.getByLabel("Student 1 email").fill(email);
  await page.getByRole("button", { name: /^Upload/ }).click();
}

const rowOf = (page: Page, title: string) => page.getByTestId("video-row").filter({ hasText: title });
/** The session a video is in, with its students' rows. */
const sessionOf = (page: Page, title: string) => page.getByTestId("session-row").filter({ has: rowOf(page, title) });

test("a 4K HEVC+AAC GoPro clip gets a picture in Chromium: poster, 720p rendition, plays and seeks; sound without picture is called out and not counted as watched", async ({
  page,
  browser,
}) => {
  // What a GoPro writes in its high-efficiency mode: HEVC (hvc1) + AAC, 3840x2160.
  const clip = makeClip("GX010043.MP4", clipArgs({ size: "3840x2160", seconds: 3, codec: "hevc" }));
  await signInAsTrainer(page);
  await upload(page, clip, "hevc.viewer@example.com", "HEVC clip GX010043");
  await expect(page.getByTestId("upload-job").first()).toHaveAttribute("data-state", "done", { timeout: 60_000 });

  // The dashboard says what is happening, then that the phone version is ready.
  await page.goto("/trainer");
  await expect(rowOf(page, "GX010043").getByTestId("media-status")).toHaveAttribute("data-state", /preparing|ready/);
  await expect(rowOf(page, "GX010043").getByTestId("media-status")).toHaveAttribute("data-state", "ready", { timeout: 240_000 });
  const { links } = await readEmail(page, "hevc.viewer@example.com", /GX010043/);
  const link = links.find((l) => l.includes("/d/"))!;

  // A browser that claims it can play anything (canPlayType "maybe"): the original is offered,
  // plays sound without a picture, and the player says so instead of a black picture.
  const optimist = await browser.newContext();
  await optimist.addInitScript(() => {
    HTMLMediaElement.prototype.canPlayType = () => "maybe";
  });
  const o = await optimist.newPage();
  await o.goto(link);
  await expect(o.getByTestId("player")).toHaveAttribute("data-source", "720p");
  await o.getByTestId("quality").selectOption("original");
  await expect(o.getByTestId("cannot-play")).toContainText("can’t show the picture");
  await o.getByTestId("play-rendition").click();
  await expect(o.getByTestId("player")).toHaveAttribute("data-source", "720p");
  await optimist.close();
  await page.goto("/trainer");
  await expect(sessionOf(page, "GX010043").getByTestId("st-watched")).toHaveAttribute("data-done", "no");

  // The student in plain Chromium.
  const context = await browser.newContext();
  const student = await context.newPage();
  await student.goto(link);
  const player = student.getByTestId("player");
  await expect(player).toHaveAttribute("data-source", "720p"); // a 1280-px desktop window: the 720p rendition
  await expect(player).toHaveAttribute("poster", /poster\.jpg/);
  await expect(player).toHaveAttribute("preload", "metadata");
  // Only what this browser can decode is offered: no HEVC original.
  // (1080p may still be on its way: the phone version is what releases the email.)
  await expect(student.getByTestId("quality").locator("option", { hasText: "Original" })).toHaveCount(0);
  const picture = await player.evaluate(async (v: HTMLVideoElement) => {
    v.muted = true;
    if (v.readyState < 1) await new Promise((r) => v.addEventListener("loadedmetadata", r, { once: true }));
    return { width: v.videoWidth, height: v.videoHeight, duration: v.duration };
  });
  expect(picture).toMatchObject({ width: 1280, height: 720 });
  expect(picture.duration).toBeCloseTo(3, 0);
  await player.evaluate(async (v: HTMLVideoElement) => {
    v.currentTime = 1.5;
    await v.play();
  });
  await expect.poll(() => player.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 20_000 }).toBeGreaterThan(1.8);
  expect(await player.evaluate((v: HTMLVideoElement) => v.videoWidth)).toBe(1280);
  await expect(student.getByTestId("cannot-play")).toHaveCount(0);
  await context.close();

  await expect
    .poll(async () => {
      await page.goto("/trainer");
      return sessionOf(page, "GX010043").getByTestId("st-watched").getAttribute("data-done");
    })
    .toBe("yes");
});

test("random bytes named .MP4 are refused with a clear message and never emailed", async ({ page }) => {
  const junk = garbageFile("GX019999.MP4", 2);
  await signInAsTrainer(page);
  await upload(page, junk, "junk.viewer@example.com", "Junk GX019999");
  const job = page.getByTestId("upload-job").first();
  await expect(job).toHaveAttribute("data-state", "error", { timeout: 60_000 });
  await expect(job.getByRole("alert")).toContainText("GX019999.MP4 is not a video file");

  await page.goto("/trainer");
  await expect(rowOf(page, "GX019999").getByTestId("video-status")).toHaveText("failed");
  await expect(rowOf(page, "GX019999").getByTestId("media-status")).toHaveAttribute("data-state", "refused");
  // Give a wrongly queued email every chance to go out, then check the mailbox.
  await page.waitForTimeout(3000);
  await page.goto("/dev/mailbox");
  await expect(page.getByTestId("mailbox-row").filter({ hasText: "junk.viewer@example.com" })).toHaveCount(0);
});

test("two GoPro chapters picked together play as one video whose duration is the sum; each chapter downloads on its own", async ({
  page,
  browser,
}) => {
  const chapter = smallClip;
  const files = [chapter("GH020050.MP4", 660), chapter("GH010050.MP4", 440)]; // picked out of order
  await signInAsTrainer(page);
  await page.goto("/trainer/upload");
  await page.getByLabel("Video files").setInputFiles(files);
  await expect(page.getByTestId("chapter-note")).toContainText("Chapter 2 of the same recording");
  await page.getByRole("list", { name: "Selected videos" }).getByLabel("Title").fill("Two chapters");
  await page.getByLabel("Student 1 email").fill("chapters.viewer@example.com");
  await page.getByRole("button", { name: /^Upload/ }).click();
  await expect(page.getByTestId("upload-job")).toHaveCount(2);
  for (const job of await page.getByTestId("upload-job").all())
    await expect(job).toHaveAttribute("data-state", "done", { timeout: 60_000 });

  await page.goto("/trainer");
  await expect(rowOf(page, "Two chapters")).toHaveCount(1); // one video, not two
  await expect(rowOf(page, "Two chapters").getByTestId("media-status")).toHaveAttribute("data-state", "ready", { timeout: 240_000 });
  const { links } = await readEmail(page, "chapters.viewer@example.com", /Two chapters/);

  const context = await browser.newContext({ acceptDownloads: true });
  const student = await context.newPage();
  await student.goto(links.find((l) => l.includes("/d/"))!);
  const player = student.getByTestId("player");
  await expect(player).toHaveAttribute("data-source", "720p");
  const duration = await player.evaluate(async (v: HTMLVideoElement) => {
    v.muted = true;
    if (v.readyState < 1) await new Promise((r) => v.addEventListener("loadedmetadata", r, { once: true }));
    return v.duration;
  });
  expect(duration).toBeGreaterThan(3.8);
  expect(duration).toBeLessThan(4.3);
  // Seek into the second chapter and play on.
  await player.evaluate(async (v: HTMLVideoElement) => {
    v.currentTime = 2.8;
    await v.play();
  });
  await expect.poll(() => player.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 20_000 }).toBeGreaterThan(3.1);
  const downloads = student.getByTestId("chapters").getByTestId("download");
  await expect(downloads).toHaveCount(2);
  const [second] = await Promise.all([student.waitForEvent("download"), downloads.nth(1).click()]);
  expect(second.suggestedFilename()).toBe("GH020050.MP4");
  await context.close();
});
