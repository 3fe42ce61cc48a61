// Issue 15, languages, in Chromium: from ONE upload, a Dutch student gets a Dutch email and a
// Dutch link page (dates in Dutch), a French student the French ones — whatever language the
// browser that opens the link reads; a trainer switches the app to French and sees French.
import { closeSync, ftruncateSync, mkdirSync, openSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { readEmail, signInAsTrainer } from "./support/app";
import { smallClip } from "./support/files";
import { uploadForStudents } from "./support/upload";

test.setTimeout(240_000);

const LOTTE = "lotte.taal@example.com";
const CAMILLE = "camille.langue@example.com";
const TITLE = "Zolder — Circuit de Spa";

/** Today as the upload page dates a session (the browser's day), in a language's words. */
const today = (locale: string) =>
  new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date());

test("one upload: the Dutch student gets Dutch, the French student French — email and link page, dates included", async ({
  page,
  browser,
}) => {
  await signInAsTrainer(page);
  await uploadForStudents(
    page,
    smallClip("taal.mp4", 520),
    [
      { email: LOTTE, name: "Lotte", language: "nl" },
      { email: CAMILLE, name: "Camille", language: "fr" },
    ],
    TITLE,
  );

  const nl = await readEmail(page, LOTTE, /deelde je rijsessie/);
  expect(nl.text).toContain("Hallo Lotte,");
  expect(nl.text).toContain(`je rijsessie van ${today("nl")}`);
  expect(nl.text).toMatch(
    /beschikbaar tot \d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4}/,
  );
  const nlLink = nl.links.find((l) => l.includes("/d/"));

  const fr = await readEmail(page, CAMILLE, /a partagé votre séance de conduite/);
  expect(fr.text).toContain("Bonjour Camille,");
  expect(fr.text).toContain(`votre séance de conduite du ${today("fr")}`);
  expect(fr.text).toMatch(
    /disponible jusqu’au \d{1,2} (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \d{4}/,
  );
  const frLink = fr.links.find((l) => l.includes("/d/"));
  expect(nlLink && frLink, "each email carries a /d/ link").toBeTruthy();

  // The students open their links in a browser set to English: the page speaks their language anyway.
  const context = await browser.newContext({ locale: "en-GB" });
  const student = await context.newPage();
  await student.goto(nlLink!);
  await expect(student.getByTestId("session-line")).toHaveText(new RegExp(`^Rijsessie van ${today("nl")} · van `));
  await expect(student.getByTestId("download")).toHaveText(/^Download het origineel \(\d+(,\d)? kB\)$/);
  await expect(student.getByTestId("available-until")).toContainText("Beschikbaar tot");
  // The moment is re-rendered in the browser's zone, in Dutch words.
  await expect(student.getByTestId("available-until").locator("time")).toHaveText(
    /\d{1,2} (jan|feb|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec)\.? \d{4}/,
  );
  await expect(student.locator("main")).toHaveAttribute("lang", "nl");

  await student.goto(frLink!);
  await expect(student.getByTestId("session-line")).toHaveText(new RegExp(`^Séance de conduite du ${today("fr")} · de `));
  await expect(student.getByTestId("download")).toHaveText(/^Télécharger l’original \(\d+(,\d)? ko\)$/);
  await expect(student.getByTestId("available-until")).toContainText("Disponible jusqu’au");
  await expect(student.locator("main")).toHaveAttribute("lang", "fr");
  await context.close();
});

test("a trainer switches the app to French and sees French, on every page and after signing in again", async ({ page }) => {
  await signInAsTrainer(page);
  try {
    await page.getByTestId("language-menu").selectOption("fr");
    await expect(page.getByRole("link", { name: "Tableau de bord" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Se déconnecter" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    await page.goto("/trainer/upload");
    await expect(page.getByText("Élèves", { exact: true })).toBeVisible();
    await expect(page.getByLabel("Langue de l’élève 1")).toHaveValue("fr"); // a new student starts in the trainer's language
    // A file over the limit is refused in French, its size in French units (21 GiB, sparse; the limit is 20 GiB).
    const dir = path.join(tmpdir(), "apexshare-e2e-langue");
    mkdirSync(dir, { recursive: true });
    const huge = path.join(dir, "journee.mp4");
    const fd = openSync(huge, "w");
    ftruncateSync(fd, 21 * 1024 ** 3);
    closeSync(fd);
    await page.getByLabel("Fichiers vidéo").setInputFiles(huge);
    await expect(page.getByTestId("refused-files")).toContainText(
      "« journee.mp4 » fait 22,5 Go, plus que les 21,5 Go permis pour une vidéo. Découpez ou raccourcissez d’abord le fichier.",
    );
    // The form's own checks are French too: nothing filled in, nothing sent.
    await page.getByRole("button", { name: "Envoyer la vidéo" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Ajoutez au moins un élève." })).toBeVisible();
    // Kept on the account: signed out in an English browser the sign-in page is English, and signing in brings French back.
    await page.context().clearCookies();
    await signInAsTrainer(page);
    await expect(page.getByRole("link", { name: "Tableau de bord" })).toBeVisible();
  } finally {
    // The demo trainer stays English for every other spec.
    await page.getByTestId("language-menu").selectOption("en");
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  }
});

test("the sign-in forms refuse an address in the reader's language", async ({ browser }) => {
  // Chromium takes "sam@school" as an email; the server wants a domain with a dot.
  const dutch = await browser.newContext({ locale: "nl-BE" });
  const nl = await dutch.newPage();
  await nl.goto("/signin");
  const passwordForm = nl.getByRole("form", { name: "Aanmelden als instructeur" });
  await passwordForm.getByLabel("E-mailadres").fill("sam@school");
  await passwordForm.getByLabel("Wachtwoord").fill("whatever-password");
  await passwordForm.getByRole("button", { name: "Aanmelden" }).click();
  await expect(passwordForm.getByRole("alert")).toHaveText("Vul een geldig e-mailadres in.");
  await dutch.close();

  const french = await browser.newContext({ locale: "fr-BE" });
  const fr = await french.newPage();
  await fr.goto("/signin");
  const linkForm = fr.getByRole("form", { name: "M’envoyer un lien de connexion" });
  await linkForm.getByLabel("Adresse e-mail").fill("camille@ecole");
  await linkForm.getByRole("button", { name: "M’envoyer un lien de connexion" }).click();
  await expect(linkForm.getByRole("alert")).toHaveText("Saisissez une adresse e-mail valide.");
  await french.close();
});
