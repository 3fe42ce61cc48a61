// Every page type, with real data on it, checked by axe-core in Chromium: zero violations.
// Plus the form and time details a trainer and a student meet on those pages.
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { expectAxeClean } from "./support/axe";
import { demoTrainer, readEmail, signInAsStudent, signInAsTrainer } from "./support/app";
import { randomFile } from "./support/files";
import { S3_ORIGIN } from "./support/s3";
import { enrolSecondFactor, removeSecondFactor } from "./support/two-factor";
import { slowPartPuts, startUpload, waitUntilDone } from "./support/upload";

const FIXTURE = path.join(process.cwd(), "e2e", "fixtures", "session.mp4");
const STUDENT = "axe.student@example.com";

/** React reports a server/client render difference (e.g. a time zone) as a hydration error in the console. */
function hydrationErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (m) => void (m.type() === "error" && /hydrat/i.test(m.text()) && errors.push(m.text())));
  page.on("pageerror", (e) => void (/hydrat/i.test(e.message) && errors.push(e.message)));
  return errors;
}

test("every page type, with data, has zero axe violations", async ({ page, browser }) => {
  test.setTimeout(240_000);
  // Anonymous pages: landing, sign-in (also with its error), a link that does not work, a page that does not exist.
  await page.goto("/");
  await expectAxeClean(page, "the landing page");
  await page.goto("/signin");
  await expectAxeClean(page, "sign-in");
  const form = page.getByRole("form", { name: "Trainer sign-in" });
  await form.getByLabel("Email").fill("nobody@example.com");
  await form.getByLabel("Password").fill("not the password at all");
  await form.getByRole("button", { name: "Sign in" }).click();
  await expect(form.getByRole("alert")).toHaveText("Invalid email or password.");
  await expectAxeClean(page, "sign-in after a failed attempt");
  await page.goto("/d/not-a-real-link");
  await expectAxeClean(page, "a student link that does not work");
  await page.goto("/no-such-page");
  await expectAxeClean(page, "not found");
  await page.goto("/forbidden");
  await expectAxeClean(page, "forbidden");
  await page.goto("/signin/check-email");
  await expectAxeClean(page, "check your email");

  // The trainer: a finished video with a student's activity, then the upload page mid-upload and the dashboard meanwhile.
  await signInAsTrainer(page);
  await page.goto("/trainer/upload");
  await page.getByLabel("Video files").setInputFiles(FIXTURE);
  await page.getByRole("list", { name: "Selected videos" }).getByLabel("Title").fill("Axe session");
  await page.getByLabel("Student 1 email").fill(STUDENT);
  await page.getByLabel("Student 1 name").fill("Axe Student");
  await page.getByRole("button", { name: /^Upload/ }).click();
  await waitUntilDone(page, 60_000);
  const mail = await readEmail(page, STUDENT, /Axe session/);
  const link = mail.links.find((l) => l.includes("/d/"))!;

  const student = await signInAsStudent(browser, STUDENT);
  await page.goto(link);
  await expect(page.getByTestId("player")).toBeVisible();
  await expectAxeClean(page, "the student link page");
  await expectAxeClean(student, "the student dashboard");
  await student.getByRole("link", { name: "Axe session" }).click();
  await expect(student.getByTestId("player")).toBeVisible();
  await expectAxeClean(student, "a signed-in student's video page");
  await student.context().close();

  await page.goto("/trainer");
  await expect(page.getByTestId("share-row").first()).toBeVisible();
  await expectAxeClean(page, "the trainer dashboard with a video and its shares");
  await page.goto("/trainer/security");
  await expectAxeClean(page, "security");
  // Admin pages need the admin's second factor: enrol the demo admin for this visit, then put it back.
  await enrolSecondFactor(page);
  await page.goto("/admin/audit");
  await expect(page.getByTestId("audit-row").first()).toBeVisible();
  await expectAxeClean(page, "the admin audit log");
  await removeSecondFactor(page, demoTrainer().password);

  await slowPartPuts(page, 3000); // 25 parts, 4 at a time: ~20 s, long enough for two axe runs
  await startUpload(page, randomFile("axe-200.mp4", 200), STUDENT);
  await expect(page.getByTestId("upload-job").first()).toHaveAttribute("data-state", "uploading");
  await expect(page.getByTestId("overall-progress")).toContainText("/s");
  await expectAxeClean(page, "the upload page mid-upload");
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("link", { name: "Dashboard" }).click();
  await expect(page.getByTestId("upload-status")).toBeVisible();
  await expectAxeClean(page, "the dashboard while an upload runs in the background");
  await page.unroute(`${S3_ORIGIN}/**`);
  await expect(page.getByTestId("upload-status")).toHaveCount(0, { timeout: 120_000 });
});

test("a failed sign-in keeps the email typed; fields show a focus ring", async ({ page }) => {
  await page.goto("/signin");
  const form = page.getByRole("form", { name: "Trainer sign-in" });
  await form.getByLabel("Email").fill(demoTrainer().email);
  await form.getByLabel("Password").fill("wrong password, twelve+");
  await form.getByRole("button", { name: "Sign in" }).click();
  await expect(form.getByRole("alert")).toHaveText("Invalid email or password.");
  await expect(form.getByLabel("Email")).toHaveValue(demoTrainer().email);
  // Focus is more than a border colour: a 2 px outline.
  await form.getByLabel("Password").focus();
  const outline = await form
    .getByLabel("Password")
    .evaluate((el) => getComputedStyle(el).outlineWidth + " " + getComputedStyle(el).outlineStyle);
  expect(outline).toBe("2px solid");
});

test("times show in the viewer's time zone without a hydration mismatch; the student dashboard has thumbnails and watched marks, and a video page links back", async ({
  browser,
}) => {
  const context = await browser.newContext({ timezoneId: "Asia/Kolkata" });
  const page = await context.newPage();
  const errors = hydrationErrors(page);
  await signInAsTrainer(page);
  await enrolSecondFactor(page);
  await page.goto("/admin/audit");
  const first = page.getByTestId("audit-row").first().locator("time");
  // The server's UTC rendering is replaced by the viewer's zone (India is UTC+5:30).
  await expect(first).toContainText("GMT+5:30");
  const iso = await first.getAttribute("datetime");
  const shown = await first.textContent();
  const expected = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "Asia/Kolkata" }).format(
    new Date(iso!),
  );
  expect(shown).toContain(expected);
  expect(errors).toEqual([]);
  await removeSecondFactor(page, demoTrainer().password);
  await context.close();

  const student = await signInAsStudent(browser, STUDENT);
  const video = student.getByTestId("student-video").filter({ hasText: "Axe session" });
  await expect(video.getByTestId("student-thumb")).toBeVisible();
  await expect(video.getByTestId("student-not-watched")).toBeVisible();
  await video.getByRole("link", { name: "Axe session" }).click();
  const player = student.getByTestId("player");
  await player.evaluate(async (v: HTMLVideoElement) => {
    v.muted = true;
    await v.play();
  });
  await expect.poll(() => player.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThan(0.5);
  await student.getByRole("link", { name: "← Your videos" }).click();
  await expect(student).toHaveURL(/\/student$/);
  // The play beacon may land just after the page was drawn.
  await expect
    .poll(async () => {
      await student.reload();
      return video.getByTestId("student-watched").count();
    })
    .toBe(1);
  await expect(video.getByTestId("student-watched")).toHaveText("✓ Watched");
  await student.context().close();
});
