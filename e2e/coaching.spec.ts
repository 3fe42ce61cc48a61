// Coaching on the video, as a trainer and two students walk it in Chromium: notes
// pinned to moments (one with an arrow drawn on the frame, one private to B), the
// students' markers and list, a question at 0:05 answered by email round-trip, and
// GoPro HiLights (an HMMT box written into an ffmpeg clip) shown as markers.
import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { withHilights } from "../test/support/mp4-boxes";
import { demoTrainer, readEmail, signInAsTrainer } from "./support/app";
import { makeClip } from "./support/files";
import { uploadForStudents } from "./support/upload";

const FIXTURE = path.join(process.cwd(), "e2e", "fixtures", "session.mp4"); // 6 s H.264
const A = { email: "coach.a@example.com", name: "Ana" };
const B = { email: "coach.b@example.com", name: "Bo" };

async function openWatchPage(page: Page, title: string) {
  await page.goto("/trainer");
  await page.getByTestId("video-row").filter({ hasText: title }).getByRole("link", { name: "Watch & coach" }).click();
  // The dashboard names the session and its video too: wait for the watch page itself.
  await expect(page).toHaveURL(/\/trainer\/videos\//);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByTestId("player")).toBeVisible();
}

async function addNote(page: Page, at: number, text: string, opts: { arrow?: boolean; only?: string } = {}) {
  await page.getByRole("button", { name: /^Add a note at/ }).click();
  const form = page.getByRole("form", { name: "New note" });
  await form.getByLabel("At (seconds)").fill(String(at));
  await form.getByLabel("Note").fill(text);
  if (opts.only) await form.getByLabel("For", { exact: true }).selectOption(opts.only);
  if (opts.arrow) {
    await form.getByRole("button", { name: "Arrow" }).click();
    await page.getByTestId("drawing-surface").scrollIntoViewIfNeeded();
    const box = (await page.getByTestId("drawing-surface").boundingBox())!;
    // A drag with the mouse: pointer events, the same path a finger on a tablet takes.
    await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.3);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.45, { steps: 5 });
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.6, { steps: 5 });
    await page.mouse.up();
    await expect(form.getByTestId("draft-shapes")).toHaveText("1 shape");
  }
  const before = await page.getByTestId("note-item").count();
  await form.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByTestId("note-item")).toHaveCount(before + 1);
}

async function studentPage(browser: Browser, link: string) {
  const page = await (await browser.newContext()).newPage();
  await page.goto(link);
  await expect(page.getByTestId("player")).toBeVisible();
  await page.getByTestId("player").evaluate(async (v: HTMLVideoElement) => {
    v.muted = true;
    if (v.readyState < 1) await new Promise((r) => v.addEventListener("loadedmetadata", r, { once: true }));
  });
  return page;
}

const linkFor = async (page: Page, email: string, title: string) =>
  (await readEmail(page, email, new RegExp(title))).links.find((l) => l.includes("/d/"))!;

test("notes with a drawing reach the right students, seeking lands on the moment, and a question is answered", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  // Unique per attempt: a retry must not find the first attempt's session on the dashboard.
  const title = `Coached session ${Date.now().toString(36)}`;
  await signInAsTrainer(page);
  await uploadForStudents(page, FIXTURE, [A, B], title);
  const linkA = await linkFor(page, A.email, title);
  const linkB = await linkFor(page, B.email, title);

  await openWatchPage(page, title);
  await addNote(page, 1, "Eyes up through the turn.");
  await addNote(page, 3, "Your line should be here.", { arrow: true });
  await addNote(page, 4.5, "Only for Bo: relax your grip.", { only: B.email });
  // The trainer's own list says who each note is for; text is shown as text.
  await expect(page.getByTestId("note-audience")).toHaveText(["All students", "All students", "Only Bo"]);

  // A: two markers; the second seeks to 3 s (within 0.25 s) with the arrow drawn over the frame.
  const a = await studentPage(browser, linkA);
  await expect(a.getByTestId("note-marker")).toHaveCount(2);
  await expect(a.getByTestId("note-text")).toHaveText(["Eyes up through the turn.", "Your line should be here."]);
  await a.getByTestId("note-marker").nth(1).click();
  await expect.poll(() => a.getByTestId("player").evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThan(3 - 0.25);
  expect(await a.getByTestId("player").evaluate((v: HTMLVideoElement) => v.currentTime)).toBeLessThan(3 + 0.25);
  const overlay = a.getByTestId("note-drawing");
  await expect(overlay).toBeVisible();
  await expect(overlay.getByTestId("shape-arrow")).toHaveCount(1);
  // Drawn over the picture: the overlay covers the video's box.
  const [videoBox, overlayBox] = [await a.getByTestId("player").boundingBox(), await overlay.boundingBox()];
  expect(Math.abs(videoBox!.width - overlayBox!.width)).toBeLessThan(2);
  expect(Math.abs(videoBox!.y - overlayBox!.y)).toBeLessThan(2);
  await expect(a.getByTestId("note-item").nth(1)).toHaveAttribute("data-current", "yes");

  // B sees all three, the private one among them.
  const b = await studentPage(browser, linkB);
  await expect(b.getByTestId("note-marker")).toHaveCount(3);
  await expect(b.getByTestId("note-text").nth(2)).toHaveText("Only for Bo: relax your grip.");

  // A pauses at 0:05 and asks.
  await a.getByTestId("player").evaluate(async (v: HTMLVideoElement) => {
    v.pause();
    v.currentTime = 5;
    await new Promise((r) => v.addEventListener("seeked", r, { once: true }));
  });
  await expect(a.getByTestId("question-at")).toHaveText("0:05");
  await a.getByLabel(/Ask about the moment/).fill("Should I brake before the cone here?");
  await a.getByRole("button", { name: "Ask at 0:05" }).click();
  await expect(a.getByTestId("question-thread")).toContainText("Should I brake before the cone here?");

  // The trainer gets the email, finds the question on the dashboard, answers.
  const mail = await readEmail(page, demoTrainer().email, /question from your student/);
  expect(mail.text).toContain("Should I brake before the cone here?");
  expect(mail.text).toContain(`${A.email} on "${title}" at 0:05`);
  await page.goto("/trainer");
  await page.getByTestId("waiting-question").filter({ hasText: "Should I brake" }).getByRole("link").click();
  const thread = page.getByTestId("question-item").filter({ hasText: "Should I brake" });
  await thread.getByRole("textbox", { name: "Answer" }).fill("Yes — brake at the cone, then look to the exit.");
  await thread.getByRole("button", { name: "Send answer" }).click();
  await expect(thread.getByTestId("question-answer")).toHaveText("Yes — brake at the cone, then look to the exit.");

  // A sees the answer in the thread (and gets it by email); B never sees A's thread.
  await a.reload();
  await expect(a.getByTestId("question-answer")).toHaveText("Yes — brake at the cone, then look to the exit.");
  const answered = await readEmail(page, A.email, /answered your question/);
  expect(answered.text).toContain("Yes — brake at the cone");
  await b.reload();
  await expect(b.getByTestId("note-marker")).toHaveCount(3);
  await expect(b.getByTestId("question-thread")).toHaveCount(0);
});

test("GoPro HiLights in the file show as markers on the trainer's watch page and become a note in one click", async ({ page }) => {
  test.setTimeout(180_000);
  // ffmpeg cannot write HMMT: make a clip (moov last, no faststart) and insert the box.
  const clip = makeClip("hilights-src.mp4", [
    "-f",
    "lavfi",
    "-i",
    "testsrc=duration=6:size=320x240:rate=30",
    "-c:v",
    "libx264",
    "-pix_fmt",
    "yuv420p",
  ]);
  const file = path.join(tmpdir(), "apexshare-e2e-hilights.mp4");
  writeFileSync(file, withHilights(readFileSync(clip), [2000, 4500]));
  const title = `Tagged on the bike ${Date.now().toString(36)}`;
  await signInAsTrainer(page);
  await uploadForStudents(page, file, [{ email: "hilight.rider@example.com", name: "Hal" }], title);
  // The marks are read by the media job's probe, shortly after the upload.
  await expect
    .poll(
      async () => {
        await openWatchPage(page, title);
        return page.getByTestId("hilight-marker").count();
      },
      { timeout: 60_000 },
    )
    .toBe(2);
  expect(await page.getByTestId("hilight-marker").evaluateAll((els) => els.map((e) => e.getAttribute("data-at")))).toEqual(["2", "4.5"]);
  await page.getByTestId("hilight-item").first().getByRole("button", { name: "Make a note" }).click();
  await expect(page.getByTestId("note-item")).toHaveCount(1);
  await expect(page.getByTestId("note-text")).toHaveText("HiLight");
  await expect(page.getByTestId("hilight-marker")).toHaveCount(1);
  await expect(page.getByTestId("note-marker")).toHaveAttribute("data-at", "2");
});
