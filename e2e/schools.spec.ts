// A school runs on it, as its people walk it: the platform admin makes a second school with its
// first admin; that admin must turn on two-step sign-in, then invites a trainer, sets the school's
// rules (the upload form follows them) and sees the trainer's session; deactivating the trainer
// signs them out at once and keeps them out; reactivating lets them back in.
import { randomUUID } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { signInAsTrainer } from "./support/app";
import { smallClip } from "./support/files";
import { asEnrolledDemoAdmin, enrolSecondFactor } from "./support/two-factor";
import { uploadForStudents } from "./support/upload";

async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

test("a platform admin makes a school; its admin invites a trainer, sets the rules, sees every session, and deactivates and reactivates the trainer", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const run = randomUUID().slice(0, 8);
  const schoolName = `Rijschool Hasselt ${run}`;
  const adminEmail = `school.admin.${run}@example.com`;

  // The platform admin (the demo admin, with two-step sign-in on for it) fills in the new-school form.
  const admin = await asEnrolledDemoAdmin(browser, async (request) => {
    // The same context's page: the form is what a platform admin uses.
    const page = await newPage(browser);
    await page.context().addCookies((await request.storageState()).cookies);
    await page.goto("/admin/schools");
    const form = page.getByRole("form", { name: "A new school" });
    await form.getByLabel("School name").fill(schoolName);
    await form.getByLabel("Language for students by default").selectOption("nl");
    await form.getByLabel("Its admin's name").fill("Hanne");
    await form.getByLabel("Its admin's email address").fill(adminEmail);
    await form.getByRole("button", { name: "Create the school" }).click();
    await expect(form.getByRole("status")).toContainText(`${schoolName} is ready`);
    const password = (await form.getByTestId("one-time-password").textContent())!.trim();
    await expect(page.getByTestId("school").filter({ hasText: schoolName })).toContainText("1 trainer");
    await page.context().close();
    return { email: adminEmail, password };
  });

  // The school's admin signs in; the school page first asks for two-step sign-in.
  const adminPage = await newPage(browser);
  await signInAsTrainer(adminPage, admin);
  await adminPage.getByRole("link", { name: "School", exact: true }).click();
  await expect(adminPage).toHaveURL(/\/trainer\/security\?required=admin/);
  await enrolSecondFactor(adminPage);
  await adminPage.goto("/school");
  await expect(adminPage.getByRole("heading", { level: 1 })).toHaveText(schoolName);

  // Invite a trainer: the one-time password is shown once.
  const trainerEmail = `school.trainer.${run}@example.com`;
  const invite = adminPage.getByRole("form", { name: "Invite a trainer" });
  await invite.getByLabel("Name").fill("Tibo");
  await invite.getByLabel("Email address").fill(trainerEmail);
  await invite.getByRole("button", { name: "Invite" }).click();
  await expect(invite.getByRole("status")).toContainText(`${trainerEmail} can now sign in`);
  const trainerPassword = (await invite.getByTestId("one-time-password").textContent())!.trim();
  await expect(adminPage.getByTestId("school-trainer").filter({ hasText: trainerEmail })).toBeVisible();

  // The rules: links last 5 days; a bad value is refused with a sentence, and nothing is saved.
  const rules = adminPage.getByRole("form", { name: "Rules" });
  // The browser refuses 45 days before sending; the server refuses it too, with a sentence.
  await rules.getByLabel("Links last (days, at most 30)").fill("45");
  expect(await rules.getByLabel("Links last (days, at most 30)").evaluate((el) => (el as HTMLInputElement).validity.rangeOverflow)).toBe(
    true,
  );
  const tooLong = await adminPage.request.put("/api/school/settings", {
    data: { defaultLanguage: "nl", retentionDays: 30, shareExpiryDays: 45 },
  });
  expect(tooLong.status()).toBe(400);
  expect(await tooLong.text()).toContain("Links can last at most 30 days.");
  await rules.getByLabel("Links last (days, at most 30)").fill("5");
  await rules.getByRole("button", { name: "Save" }).click();
  await expect(rules.getByRole("status")).toHaveText("Saved.");

  // The trainer signs in: the upload form follows the school's rule, and the trainer uploads a session.
  const trainerPage = await newPage(browser);
  await signInAsTrainer(trainerPage, { email: trainerEmail, password: trainerPassword });
  await trainerPage.goto("/trainer/upload");
  await expect(trainerPage.getByLabel("Links last (days)")).toHaveValue("5");
  const title = `Hasselt circuit ${run}`;
  await uploadForStudents(trainerPage, smallClip(`hasselt-${run}.mp4`, 440), [{ email: `rider.${run}@example.com`, name: "Rider" }], title);
  // A trainer who is not an admin has no school page: the same answer as a page that does not exist.
  const refused = await trainerPage.goto("/school");
  expect(refused?.status()).toBe(404);

  // The admin sees the trainer's session among the school's, with the trainer's name.
  await adminPage.goto("/school");
  const row = adminPage.getByTestId("school-session").filter({ hasText: title });
  await expect(row).toContainText("Tibo");
  await expect(row).toContainText("1 student");

  // Deactivate: the trainer's next request finds them signed out, and the password no longer works.
  adminPage.once("dialog", (d) => void d.accept());
  const trainerRow = adminPage.getByTestId("school-trainer").filter({ hasText: trainerEmail });
  await trainerRow.getByRole("button", { name: "Deactivate Tibo" }).click();
  await expect(trainerRow).toContainText("deactivated");
  await trainerPage.goto("/trainer");
  await expect(trainerPage).toHaveURL(/\/signin/);
  const again = await newPage(browser);
  await again.goto("/signin");
  const signIn = again.getByRole("form", { name: "Trainer sign-in" });
  await signIn.getByLabel("Email").fill(trainerEmail);
  await signIn.getByLabel("Password").fill(trainerPassword);
  await signIn.getByRole("button", { name: "Sign in" }).click();
  await expect(again).not.toHaveURL(/\/trainer$/);

  // Reactivate: they sign in again, and the school's log shows both.
  await trainerRow.getByRole("button", { name: "Reactivate Tibo" }).click();
  await expect(trainerRow).not.toContainText("deactivated");
  await signInAsTrainer(again, { email: trainerEmail, password: trainerPassword });
  await adminPage.reload();
  const log = adminPage.getByTestId("audit-row");
  await expect(log.filter({ hasText: "user.deactivated" })).toHaveCount(1);
  await expect(log.filter({ hasText: "user.reactivated" })).toHaveCount(1);
});
