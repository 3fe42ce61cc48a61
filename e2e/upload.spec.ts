import { expect, test } from "@playwright/test";
import { signInAsTrainer } from "./support/app";
import { randomFile, sha256File } from "./support/files";
import { S3_ORIGIN, storedSha256 } from "./support/s3";
import { countPartPuts, readyVideoKey, slowPartPuts, startUpload, trackRecordedParts, waitUntilDone } from "./support/upload";

test("a trainer uploads a 200 MB video straight to S3 and the stored object is byte-identical", async ({ page }) => {
  const file = randomFile("track-day-200.mp4", 200);
  await signInAsTrainer(page);
  const puts = countPartPuts(page);
  await startUpload(page, file, "student.a@example.com");
  await expect(page.getByTestId("overall-progress")).toContainText("of 210 MB");
  await waitUntilDone(page);
  // 200 MiB in 8 MiB parts, each sent exactly once.
  expect(puts.size).toBe(25);
  expect([...puts.values()].every((n) => n === 1)).toBe(true);
  expect(await storedSha256(await readyVideoKey(page, "track-day-200"))).toBe(await sha256File(file));
});

test("after a reload the upload page lists the unfinished upload, asks for the same file and resumes without re-sending parts", async ({
  page,
}) => {
  const file = randomFile("reload-200.mp4", 200);
  const otherFile = randomFile("other-20.mp4", 20);
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

  // The upload page itself (no detour through the dashboard) lists it, from the server, and asks for the same file.
  await expect(page).toHaveURL(/\/trainer\/upload$/);
  const unfinished = page.getByTestId("unfinished-upload").filter({ hasText: "reload-200.mp4" });
  await expect(unfinished).toContainText("210 MB");
  await expect(unfinished).toContainText("student.b@example.com");
  // Another file is refused by name and size, and nothing is sent.
  const creates: string[] = [];
  page.on("request", (r) => void (r.method() === "POST" && new URL(r.url()).pathname === "/api/uploads" && creates.push(r.url())));
  await unfinished.getByLabel("Choose reload-200.mp4 again").setInputFiles(otherFile);
  await expect(unfinished.getByRole("alert")).toContainText("To continue, choose “reload-200.mp4” (210 MB)");
  expect(creates).toHaveLength(0);

  await unfinished.getByLabel("Choose reload-200.mp4 again").setInputFiles(file);
  await expect(page.getByTestId("unfinished-upload").filter({ hasText: "reload-200.mp4" })).toHaveCount(0); // in the queue now, not listed twice
  await waitUntilDone(page);
  await expect(page.getByTestId("upload-job").first()).toContainText("resumed");

  for (const n of doneBefore) expect(puts.get(n), `part ${n} was finished before the reload`).toBe(1);
  for (let n = 1; n <= 25; n++) expect(puts.get(n) ?? 0, `part ${n}`).toBeGreaterThanOrEqual(1);
  expect(await storedSha256(await readyVideoKey(page, "reload-200"))).toBe(await sha256File(file));
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
  expect(await storedSha256(await readyVideoKey(page, "flaky-200"))).toBe(await sha256File(file));
});
