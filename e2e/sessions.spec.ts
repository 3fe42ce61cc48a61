// Issue 13 in Chromium: a riding session, not a pile of files. One upload of
// two GoPro chapters and a second recording to two students sends each ONE
// email; the student's page lists the videos in order; a student added later
// is the only one emailed and no byte is uploaded again; "extend by 1 day"
// adds a day to the link's end; playing a video to the end shows as ≥ 90% watched.
import { expect, test, type Page } from "@playwright/test";
import { readEmail, signInAsTrainer } from "./support/app";
import { smallClip } from "./support/files";
import { countPartPuts } from "./support/upload";

test.setTimeout(360_000);

const clip = smallClip;

const TITLE = "Cadwell Park evening";
const ANA = "ana.session@example.com";
const BEN = "ben.session@example.com";
const CAL = "cal.session@example.com";

/** How many emails the dev mailbox holds for this address. */
async function mailCount(page: Page, to: string) {
  await page.goto("/dev/mailbox");
  return page.getByTestId("mailbox-row").filter({ hasText: to }).count();
}

test("one upload of 2 chapters + 1 recording to 2 students: one email each, the session lists the videos in order; a third student added later is the only one emailed, nothing is re-sent; extend by 1 day never shortens", async ({
  page,
  browser,
}) => {
  const files = [clip("GH020071.MP4", 660), clip("GH010072.MP4", 550), clip("GH010071.MP4", 440)]; // picked in any order
  await signInAsTrainer(page);
  const puts = countPartPuts(page);
  const uploadsCreated: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && new URL(r.url()).pathname === "/api/uploads") uploadsCreated.push(r.url());
  });

  await page.goto("/trainer/upload");
  await page.getByLabel("Video files").setInputFiles(files);
  await page.getByLabel("Session title (optional)").fill(TITLE);
  await page.getByLabel("Student 1 email").fill(ANA);
  await page.getByLabel("Student 1 name").fill("Ana");
  await page.getByRole("button", { name: "+ Add student" }).click();
  await page.getByLabel("Student 2 email").fill(BEN);
  await page.getByRole("button", { name: /^Upload/ }).click();
  await expect(page.getByTestId("upload-job")).toHaveCount(3);
  for (const job of await page.getByTestId("upload-job").all())
    await expect(job).toHaveAttribute("data-state", "done", { timeout: 120_000 });
  expect(uploadsCreated).toHaveLength(3);
  const putsAfterUpload = [...puts.values()].reduce((a, b) => a + b, 0);
  expect(putsAfterUpload).toBeGreaterThanOrEqual(3);

  // Each student gets exactly one email for the whole session, listing both videos in order.
  const expected = [/1\. Session .+ — recording 1 of 2/, /2\. Session .+ — recording 2 of 2/];
  for (const to of [ANA, BEN]) {
    const mail = await readEmail(page, to, new RegExp(TITLE));
    for (const line of expected) expect(mail.text).toMatch(line);
    expect(mail.text.indexOf("recording 1 of 2")).toBeLessThan(mail.text.indexOf("recording 2 of 2"));
  }
  await page.waitForTimeout(3000); // a second email, if one were queued, has every chance to arrive
  expect(await mailCount(page, ANA)).toBe(1);
  expect(await mailCount(page, BEN)).toBe(1);

  // The student's page: the session's videos in order, the first playing (the two chapters as one).
  const { links } = await readEmail(page, ANA, new RegExp(TITLE));
  const student = await browser.newPage();
  await student.goto(links.find((l) => l.includes("/d/"))!);
  await expect(student.getByRole("heading", { name: TITLE })).toBeVisible();
  await expect(student.getByTestId("session-video")).toHaveCount(2);
  await expect(student.getByTestId("session-video").nth(0)).toContainText("1. Session");
  await expect(student.getByTestId("session-video").nth(0)).toContainText("recording 1 of 2");
  await expect(student.getByTestId("session-video").nth(1)).toContainText("recording 2 of 2");
  await expect(student.getByTestId("player")).toBeVisible();
  await expect(student.getByTestId("chapters").getByTestId("download")).toHaveCount(2);
  await student.getByTestId("session-video").nth(1).getByRole("link").click();
  await expect(student.getByTestId("video-title")).toContainText("recording 2 of 2");
  await expect(student.getByTestId("player")).toBeVisible();
  // Ana plays recording 2 to the end (the player's progress beacons, not "pressed play", make % watched).
  await student.getByTestId("player").evaluate(async (v: HTMLVideoElement) => {
    v.muted = true;
    if (v.readyState < 1) await new Promise((r) => v.addEventListener("loadedmetadata", r, { once: true }));
    const ended = new Promise((r) => v.addEventListener("ended", r, { once: true }));
    await v.play();
    await ended;
  });

  // Later: the trainer adds a forgotten student on the session page — no upload, only that student is emailed.
  await page.goto("/trainer");
  await page.getByTestId("session-row").filter({ hasText: TITLE }).getByRole("link", { name: TITLE }).click();
  await expect(page.getByTestId("session-title")).toHaveText(TITLE);
  const sessionPage = page.url();
  // % watched per student: recording 2 played to the end reads ≥ 90 (recording 1, never played, 0).
  await expect
    .poll(
      async () => {
        await page.reload();
        const text = await page.locator(`[data-testid="share-row"][data-email="${ANA}"]`).getByTestId("st-percent").textContent();
        return Number(/2: (\d+)%/.exec(text ?? "")?.[1] ?? 0);
      },
      { timeout: 30_000 },
    )
    .toBeGreaterThanOrEqual(90);
  await expect(page.locator(`[data-testid="share-row"][data-email="${ANA}"]`).getByTestId("st-percent")).toContainText("1: 0%");
  await student.close();
  await expect(page.getByTestId("video-title")).toHaveText([/^1\. .*recording 1 of 2/, /^2\. .*recording 2 of 2/]);
  await page.getByRole("form", { name: "Add students" }).getByLabel("Student 1 email").fill(CAL);
  await page.getByRole("button", { name: "Add and email" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added" })).toContainText(`Added ${CAL} — emailed the session`);
  const calMail = await readEmail(page, CAL, new RegExp(TITLE));
  for (const line of expected) expect(calMail.text).toMatch(line);
  await page.waitForTimeout(2000);
  expect(await mailCount(page, ANA)).toBe(1);
  expect(await mailCount(page, BEN)).toBe(1);
  expect(await mailCount(page, CAL)).toBe(1);
  expect(uploadsCreated).toHaveLength(3); // no new upload
  expect([...puts.values()].reduce((a, b) => a + b, 0)).toBe(putsAfterUpload); // and no byte re-sent

  // "Extend by 1 day" adds a day to the link's current end — never "now + 1 day", which would shorten it.
  await page.goto(sessionPage);
  const row = page.locator(`[data-testid="share-row"][data-email="${ANA}"]`);
  const before = new Date((await row.getByTestId("st-link").getAttribute("data-expires"))!);
  expect(before.getTime()).toBeGreaterThan(Date.now() + 13 * 86_400_000); // a 14-day link
  await row.getByLabel(`Extend days for ${ANA}`).selectOption("1");
  await row.getByRole("button", { name: `Extend link for ${ANA}` }).click();
  await expect(row.getByTestId("st-link")).not.toHaveAttribute("data-expires", before.toISOString());
  const after = new Date((await row.getByTestId("st-link").getAttribute("data-expires"))!);
  expect(after.getTime() - before.getTime()).toBe(86_400_000);
});
