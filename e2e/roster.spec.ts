// Issue 15, roster and groups, in Chromium: a trainer imports a Belgian Excel CSV with
// one bad row (the preview shows that row's error, the rest is imported and listed),
// then adds the new group on the upload page in one go; each student gets their
// email in their own language.
import { expect, test } from "@playwright/test";
import { readEmail, signInAsTrainer } from "./support/app";
import { expectAxeClean } from "./support/axe";
import { smallClip } from "./support/files";
import { waitUntilDone } from "./support/upload";

test.setTimeout(240_000);

test("CSV import with one bad row imports the rest; the upload page adds the group and its students get their email", async ({ page }) => {
  // Unique per attempt: a retry must not find last attempt's students "unchanged".
  const stamp = Date.now();
  const anke = `anke.${stamp}@example.com`;
  const bastien = `bastien.${stamp}@example.com`;
  const group = `A2 zaterdag ${stamp}`;
  const title = `Roster ride ${stamp}`;
  // What Excel in Belgium saves: a BOM, semicolons, CRLF, Dutch headers, a quoted cell.
  const csv = [
    "\uFEFFNaam;E-mail;Taal;Opmerking;Groep",
    `Anke Peeters;${anke};nl;A2;${group}`,
    `"Moreau; Bastien";${bastien};Français;A;${group}`,
    `Kapot Adres;not-an-address;nl;;${group}`,
  ].join("\r\n");

  await signInAsTrainer(page);
  await page.locator("header").getByRole("link", { name: "Roster", exact: true }).click();
  await expect(page).toHaveURL(/\/trainer\/roster$/);
  await page
    .getByLabel("CSV file", { exact: true })
    .setInputFiles({ name: "leerlingen.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await page.getByRole("button", { name: "Check the file" }).click();

  const preview = page.getByTestId("import-preview");
  await expect(page.getByTestId("import-summary")).toHaveText("2 new, 0 to update, 0 unchanged, 1 with an error");
  const bad = preview.getByTestId("import-row").filter({ hasText: "not-an-address" });
  await expect(bad).toHaveAttribute("data-outcome", "error");
  await expect(bad).toContainText("“not-an-address” is not a valid email address.");
  await expect(preview.getByTestId("import-row").filter({ hasText: anke })).toHaveAttribute("data-outcome", "new");
  await expect(preview.getByTestId("import-row").filter({ hasText: bastien })).toContainText("Moreau; Bastien");
  await expectAxeClean(page, "the roster page with an import preview");

  await page.getByRole("button", { name: "Import 2 students" }).click();
  await expect(page.getByTestId("import-done")).toHaveText("2 students imported. 1 row was left out because of an error.");
  const roster = page.getByRole("table", { name: "Roster" });
  await expect(roster.getByTestId("roster-row").filter({ hasText: anke })).toContainText("Nederlands");
  await expect(roster.getByTestId("roster-row").filter({ hasText: bastien })).toContainText("Français");
  await expect(roster.getByTestId("roster-row").filter({ hasText: "not-an-address" })).toHaveCount(0);
  await expect(page.getByTestId("roster-group").filter({ hasText: group })).toContainText("2 students");
  await expectAxeClean(page, "the roster page with students and groups");

  // The upload page: one control adds the whole group, each with their language.
  await page.goto("/trainer/upload");
  await page.getByLabel("Video files").setInputFiles(smallClip("roster.mp4", 610));
  await page.getByRole("list", { name: "Selected videos" }).getByLabel("Title").fill(title);
  await page.getByLabel("Group to add").selectOption({ label: `${group} (2)` });
  await page.getByRole("button", { name: "Add group" }).click();
  await expect(page.getByRole("status").filter({ hasText: `2 students of ${group} added.` })).toBeVisible();
  await expect(page.getByTestId("student-row")).toHaveCount(2);
  await expect(page.getByLabel("Student 1 email")).toHaveValue(anke);
  await expect(page.getByLabel("Student 1 language")).toHaveValue("nl");
  await expect(page.getByLabel("Student 2 email")).toHaveValue(bastien);
  await expect(page.getByLabel("Student 2 name")).toHaveValue("Moreau; Bastien");
  await expect(page.getByLabel("Student 2 language")).toHaveValue("fr");
  // Adding it again skips everyone already listed.
  await page.getByLabel("Group to add").selectOption({ label: `${group} (2)` });
  await page.getByRole("button", { name: "Add group" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Everyone in ${group} is already listed.` })).toBeVisible();
  await expect(page.getByTestId("student-row")).toHaveCount(2);
  await page.getByRole("button", { name: /^Upload/ }).click();
  await waitUntilDone(page, 60_000);

  const nl = await readEmail(page, anke, /deelde je rijsessie/);
  expect(nl.text).toContain("Hallo Anke Peeters,");
  expect(nl.links.some((l) => l.includes("/d/"))).toBe(true);
  const fr = await readEmail(page, bastien, /a partagé votre séance de conduite/);
  expect(fr.text).toContain("Bonjour Moreau; Bastien,");
  expect(fr.links.some((l) => l.includes("/d/"))).toBe(true);
});
