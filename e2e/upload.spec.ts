import { expect, test, type Page } from "@playwright/test";
import { signInAsTrainer } from "./support/app";
import { randomFile, sha256File } from "./support/files";
import { S3_ORIGIN, storedSha256 } from "./support/s3";
import { countPartPuts, slowPartPuts, startUpload, trackRecordedParts, waitUntilDone } from "./support/upload";

async function videoKeyOf(page: Page, title: string) {
  await page.goto("/trainer");
  const row = page.getByTestId("video-row").filter({ hasText: title });
  await expect(row.getByTestId("video-status")).toHaveText("ready");
  const id = await row.getAttribute("data-video-id");
  return `videos/${id}/original.mp4`;
}

test("a trainer uploads a 200 MB video straight to S3 and the stored object is byte-identical", async ({ page }) => {
  const file = randomFile("track-day-200.mp4", 200);
  await signInAsTrainer(page);
  const puts = countPartPuts(page);
  await startUpload(page, file, "student.a@example.com");
  await expect(page.getByTestId("overall-progress")).toContainText("of 200 MB");
  await waitUntilDone(page);
  // 200 MiB in 8 MiB parts, each sent exactly once.
  expect(puts.size).toBe(25);
  expect([...puts.values()].every((n) => n === 1)).toBe(true);
  expect(await storedSha256(await videoKeyOf(page, "track-day-200"))).toBe(await sha256File(file));
});

test("reloading mid-upload resumes without re-sending finished parts", async ({ page }) => {
  const file = randomFile("reload-200.mp4", 200);
  await signInAsTrainer(page);
  const puts = countPartPuts(page);
  const recorded = trackRecordedParts(page);
  await slowPartPuts(page, 400);
  await startUpload(page, file, "student.b@example.com");
  await expect.poll(() => recorded.size, { timeout: 60_000 }).toBeGreaterThanOrEqual(4);

  // Leaving warns while an upload runs.
  const dialog = page.waitForEvent("dialog");
  const reload = page.reload();
  const d = await dialog;
  expect(d.type()).toBe("beforeunload");
  await d.accept();
  await reload;
  const doneBefore = new Set(recorded);
  await page.unroute(`${S3_ORIGIN}/**`);

  // The dashboard offers to resume; the trainer re-selects the same file.
  await page.goto("/trainer");
  const row = page.getByTestId("video-row").filter({ hasText: "reload-200" });
  await expect(row.getByTestId("video-status")).toContainText("uploading");
  await row.getByRole("link", { name: "Resume" }).click();
  await expect(page.getByRole("status")).toContainText("reload-200.mp4");
  await page.getByLabel("Video files").setInputFiles(file);
  await expect(page.getByLabel("Student 1 email")).toHaveValue("student.b@example.com");
  await page.getByRole("button", { name: /^Upload/ }).click();
  await waitUntilDone(page);
  await expect(page.getByTestId("upload-job").first()).toContainText("resumed");

  for (const n of doneBefore) expect(puts.get(n), `part ${n} was finished before the reload`).toBe(1);
  for (let n = 1; n <= 25; n++) expect(puts.get(n) ?? 0, `part ${n}`).toBeGreaterThanOrEqual(1);
  expect(await storedSha256(await videoKeyOf(page, "reload-200"))).toBe(await sha256File(file));
});

test("with ~10% of part uploads failing, the upload still completes byte-identical", async ({ page }) => {
  const file = randomFile("flaky-200.mp4", 200);
  await signInAsTrainer(page);
  let seen = 0;
  let failed = 0;
  await page.route(`${S3_ORIGIN}/**`, async (route) => {
    if (route.request().method() === "PUT" && new URL(route.request().url()).searchParams.has("partNumber")) {
      seen++;
      if (seen % 10 === 3) {
        failed++;
        return route.abort("failed");
      }
    }
    return route.continue();
  });
  await startUpload(page, file, "student.c@example.com");
  await waitUntilDone(page);
  expect(failed).toBeGreaterThanOrEqual(2);
  expect(await storedSha256(await videoKeyOf(page, "flaky-200"))).toBe(await sha256File(file));
});
