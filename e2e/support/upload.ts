// Driving the upload page as a trainer does, and watching what the browser sends
// (part PUTs to S3, part records to the app) while it uploads.
import { expect, type Page, type Response } from "@playwright/test";
import { S3_ORIGIN } from "./s3";

/** Picks the file, names one student and presses Upload on /trainer/upload. */
export async function startUpload(page: Page, file: string, student: string) {
  await page.goto("/trainer/upload");
  await page.getByLabel("Video files").setInputFiles(file);
  await page.getByLabel("Student 1 email").fill(student);
  await page.getByRole("button", { name: /^Upload/ }).click();
}

/** The stored object key of the trainer's video titled `title`, once the dashboard says it is ready. */
export async function readyVideoKey(page: Page, title: string) {
  await page.goto("/trainer");
  const row = page.getByTestId("video-row").filter({ hasText: title });
  await expect(row.getByTestId("video-status")).toHaveText("ready");
  const id = await row.getAttribute("data-video-id");
  return `videos/${id}/original.mp4`;
}

/** Uploads one file on /trainer/upload for these students, with a title and notes, and waits until it is done. */
export async function uploadForStudents(
  page: Page,
  file: string,
  students: { email: string; name: string; language?: "en" | "nl" | "fr" | "auto" }[],
  title: string,
  notes = "",
) {
  await page.goto("/trainer/upload");
  await page.getByLabel("Video files").setInputFiles(file);
  await page.getByRole("list", { name: "Selected videos" }).getByLabel("Title").fill(title);
  for (const [i, s] of students.entries()) {
    if (i > 0) await page.getByRole("button", { name: "+ Add student" }).click();
    await page.getByLabel(`Student ${i + 1} email`).fill(s.email);
    await page.getByLabel(`Student ${i + 1} name`).fill(s.name);
    if (s.language) await page.getByLabel(`Student ${i + 1} language`).selectOption(s.language);
  }
  if (notes) await page.getByLabel("Notes for the students").fill(notes);
  await page.getByRole("button", { name: /^Upload/ }).click();
  await waitUntilDone(page, 60_000);
}

/** Waits until the first upload job on the page is done. */
export async function waitUntilDone(page: Page, timeout = 180_000) {
  await expect(page.getByTestId("upload-job").first()).toHaveAttribute("data-state", "done", { timeout });
}

/** A slow link: each PUT to the S3 server waits `ms` before going out. Undo with page.unroute(`${origin}/**`). */
export async function slowPartPuts(page: Page, ms: number, origin = S3_ORIGIN) {
  await page.route(`${origin}/**`, async (route) => {
    if (route.request().method() === "PUT") await new Promise((r) => setTimeout(r, ms));
    await route.continue().catch(() => {});
  });
}

/** Part numbers the server confirmed into its ledger with this response (batched or single). */
export function recordedParts(res: Response): number[] {
  const req = res.request();
  if (req.method() !== "PUT" || !res.ok()) return [];
  const path = new URL(res.url()).pathname;
  const single = /\/api\/uploads\/[^/]+\/parts\/(\d+)$/.exec(path);
  if (single) return [Number(single[1])];
  if (!/\/api\/uploads\/[^/]+\/parts$/.test(path)) return [];
  const body = req.postDataJSON() as { parts?: { partNumber: number }[] } | null;
  return body?.parts?.map((p) => p.partNumber) ?? [];
}

/** The set of part numbers the app has recorded so far, kept up to date as responses arrive. */
export function trackRecordedParts(page: Page): Set<number> {
  const recorded = new Set<number>();
  page.on("response", (res) => {
    for (const n of recordedParts(res)) recorded.add(n);
  });
  return recorded;
}

/** Counts the browser's part PUTs to S3 per part number. */
export function countPartPuts(page: Page, origin = S3_ORIGIN): Map<number, number> {
  const puts = new Map<number, number>();
  page.on("request", (req) => {
    if (req.method() !== "PUT" || !req.url().startsWith(origin)) return;
    const n = Number(new URL(req.url()).searchParams.get("partNumber"));
    if (n) puts.set(n, (puts.get(n) ?? 0) + 1);
  });
  return puts;
}
