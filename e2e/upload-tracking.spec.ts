// Uploads a trainer cannot lose track of: leaving the upload page asks first, an upload
// going on in the background shows live everywhere, offline is a state (not a failure),
// and files that can never upload are refused before anything is sent.
import { closeSync, ftruncateSync, mkdirSync, openSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { signInAsTrainer } from "./support/app";
import { randomFile, sha256File } from "./support/files";
import { S3_ORIGIN, storedSha256 } from "./support/s3";
import { readyVideoKey, slowPartPuts, startUpload, trackRecordedParts, waitUntilDone } from "./support/upload";

const percentShown = async (page: Page) =>
  Number(await page.getByTestId("upload-status").getByRole("progressbar").getAttribute("aria-valuenow"));

test("an app link mid-upload asks first; staying keeps the upload, leaving shows it live on the dashboard without Discard", async ({
  page,
}) => {
  const file = randomFile("leave-200.mp4", 200);
  await signInAsTrainer(page);
  const recorded = trackRecordedParts(page);
  await slowPartPuts(page, 1500); // 25 parts, 4 at a time: ~10 s, so it is still going when the dashboard opens
  await startUpload(page, file, "student.leave@example.com");
  await expect.poll(() => recorded.size, { timeout: 60_000 }).toBeGreaterThanOrEqual(1);

  // Staying: the question is asked, the trainer says no, nothing changes.
  const stay = page.waitForEvent("dialog");
  const click = page.getByRole("link", { name: "Dashboard" }).click();
  const question = await stay;
  expect(question.type()).toBe("confirm");
  expect(question.message()).toContain("keeps going in this tab");
  await question.dismiss();
  await click;
  await expect(page).toHaveURL(/\/trainer\/upload$/);
  await expect(page.getByTestId("upload-job").first()).toHaveAttribute("data-state", "uploading");

  // The Back button asks too; "no" stays on the upload page with the upload running.
  const back = page.waitForEvent("dialog");
  await page.goBack({ waitUntil: "commit" }).catch(() => {}); // Back lands on the page's own guard entry: no navigation to wait for
  const backQuestion = await back;
  expect(backQuestion.message()).toContain("keeps going in this tab");
  await backQuestion.dismiss();
  await expect(page).toHaveURL(/\/trainer\/upload$/);
  await expect(page.getByTestId("upload-job").first()).toHaveAttribute("data-state", "uploading");

  // Leaving: the upload goes on, shown live in the header, and the dashboard does not offer to discard it.
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("link", { name: "Dashboard" }).click();
  await expect(page).toHaveURL(/\/trainer$/);
  const status = page.getByTestId("upload-status");
  await expect(status).toHaveAttribute("data-phase", "uploading");
  await expect(status).toContainText("leave-200.mp4");
  // The screen is kept on while it uploads (Screen Wake Lock; Chromium has it, headless too).
  await expect(status).toHaveAttribute("data-screen-on", "yes");
  const first = await percentShown(page);
  await expect.poll(() => percentShown(page), { timeout: 30_000 }).toBeGreaterThan(first);
  const row = page.getByTestId("video-row").filter({ hasText: "leave-200" });
  await expect(row.getByTestId("upload-in-this-tab")).toBeVisible();
  await expect(row.getByRole("button", { name: "Discard" })).toHaveCount(0);
  await expect(row.getByTestId("video-status")).not.toHaveText("uploading 0%");
  // Signing out would strand it: asked too, and "no" keeps the trainer signed in.
  const signOut = page.waitForEvent("dialog");
  const signOutClick = page.getByRole("button", { name: "Sign out" }).click();
  const signOutQuestion = await signOut;
  expect(signOutQuestion.message()).toContain("Sign out and stop it?");
  await signOutQuestion.dismiss();
  await signOutClick;
  await expect(page).toHaveURL(/\/trainer$/);
  await expect(status).toBeVisible();
  // Screen readers hear the progress too (a polite live region, throttled).
  await expect(page.getByTestId("upload-announcement")).toContainText("leave-200.mp4");

  await page.unroute(`${S3_ORIGIN}/**`);
  await expect(status).toHaveCount(0, { timeout: 120_000 }); // finished: the line goes away
  await expect(page.getByTestId("upload-announcement")).toContainText("finished");
  // The dashboard fetched itself again: the row is no longer "uploading".
  await expect(row.getByTestId("video-status")).not.toContainText("uploading");
  expect(await storedSha256(await readyVideoKey(page, "leave-200"))).toBe(await sha256File(file));
});

test("offline mid-upload shows an offline state, no climbing time left, and the upload resumes by itself", async ({ page, context }) => {
  const file = randomFile("offline-120.mp4", 120);
  await signInAsTrainer(page);
  const recorded = trackRecordedParts(page);
  await slowPartPuts(page, 300);
  await startUpload(page, file, "student.offline@example.com");
  await expect.poll(() => recorded.size, { timeout: 60_000 }).toBeGreaterThanOrEqual(2);

  await context.setOffline(true);
  const job = page.getByTestId("upload-job").first();
  await expect(page.getByTestId("offline-notice")).toBeVisible();
  await expect(job).toHaveAttribute("data-offline", "yes");
  await expect(job.getByTestId("job-state")).toHaveText("Offline — will resume");
  // Waiting, not failing: after a while it is still an upload, with no time-left estimate growing.
  await page.waitForTimeout(4000);
  await expect(job).toHaveAttribute("data-state", "uploading");
  await expect(job).not.toContainText("left");
  await expect(page.getByTestId("overall-progress")).not.toContainText("left");
  await expect(job.getByRole("alert")).toHaveCount(0);

  await context.setOffline(false);
  await expect(page.getByTestId("offline-notice")).toHaveCount(0);
  await page.unroute(`${S3_ORIGIN}/**`);
  await waitUntilDone(page);
  expect(await storedSha256(await readyVideoKey(page, "offline-120"))).toBe(await sha256File(file));
});

test("a wrong type, an empty file and one over the size limit are refused in the form, with sentences, before any request", async ({
  page,
}) => {
  const dir = path.join(tmpdir(), "apexshare-e2e-refused");
  mkdirSync(dir, { recursive: true });
  const pdf = path.join(dir, "lap-times.pdf");
  writeFileSync(pdf, "%PDF-1.4 not a video");
  const empty = path.join(dir, "GX010001.MP4");
  writeFileSync(empty, "");
  // 21 GiB, sparse: the browser only reads its size; the limit is 20 GiB (UPLOAD_MAX_BYTES' default).
  const huge = path.join(dir, "whole-day.mp4");
  const fd = openSync(huge, "w");
  ftruncateSync(fd, 21 * 1024 ** 3);
  closeSync(fd);

  await signInAsTrainer(page);
  await page.goto("/trainer/upload");
  const sent: string[] = [];
  page.on("request", (r) => {
    const url = new URL(r.url());
    if ((url.pathname.startsWith("/api/uploads") && r.method() !== "GET") || url.origin === S3_ORIGIN)
      sent.push(`${r.method()} ${r.url()}`);
  });
  await page.getByLabel("Video files").setInputFiles([pdf, empty, huge]);
  const refused = page.getByTestId("refused-files");
  await expect(refused).toContainText("3 files were not added");
  await expect(refused).toContainText("“lap-times.pdf” is not a video ApexShare takes: choose an mp4, mov, m4v, mkv, avi or webm file.");
  await expect(refused).toContainText("“GX010001.MP4” is empty (0 bytes)");
  await expect(refused).toContainText("“whole-day.mp4” is 22.5 GB, more than the 21.5 GB one video may be.");
  await expect(refused).not.toContainText(/fileName:|size:/);
  await expect(page.getByRole("list", { name: "Selected videos" })).toHaveCount(0); // nothing was queued

  await page.getByLabel("Student 1 email").fill("student.refused@example.com");
  await page.getByRole("button", { name: /^Upload/ }).click();
  await expect(page.getByText("Choose at least one video.")).toBeVisible();
  await expect(page.getByTestId("upload-job")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Retry" })).toHaveCount(0);
  expect(sent).toEqual([]);
});
