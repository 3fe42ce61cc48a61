// Two-step sign-in as a trainer walks it: set up an authenticator app (the code is computed
// here from the key the page shows, with the same RFC 6238 library), sign out, sign in with
// password + code; a wrong or replayed code is refused; a recovery code works once; an admin
// without the second factor is sent to set it up before any admin page.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { demoTrainer, readEmail, signInAsTrainer } from "./support/app";
import { enrolSecondFactor, inviteTrainerAsAdmin, removeSecondFactor, totpCode } from "./support/two-factor";

/** A fresh trainer, invited by the demo admin (who turns two-step sign-in on for it and off again). */
const newTrainer = (browser: Browser) => inviteTrainerAsAdmin(browser, { email: `two-step-${Date.now()}@example.com`, name: "Two Step" });

async function passwordStep(page: Page, creds: { email: string; password: string }) {
  await page.goto("/signin");
  const form = page.getByRole("form", { name: "Trainer sign-in" });
  await form.getByLabel("Email").fill(creds.email);
  await form.getByLabel("Password").fill(creds.password);
  await form.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/signin\/two-factor$/);
}

/** Submits a code and waits for the server's answer (the form only then takes the next one: React resets it after each action). */
async function enterCode(page: Page, code: string) {
  const form = page.getByRole("form", { name: "Sign-in code" });
  await expect(form.getByRole("button", { name: "Continue" })).toBeEnabled();
  await form.getByLabel("Code").fill(code);
  const answered = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/signin/two-factor");
  await form.getByRole("button", { name: "Continue" }).click();
  await answered;
}

const codeAlert = (page: Page) => page.getByRole("form", { name: "Sign-in code" }).getByRole("alert");

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/$/);
}

test("a trainer turns on two-step sign-in; then password + code signs in, a wrong or replayed code does not, a recovery code works once", async ({
  page,
}) => {
  const trainer = await newTrainer(page.context().browser()!);
  await signInAsTrainer(page, trainer);
  // A wrong first code does not turn it on.
  await page.getByRole("link", { name: "Security" }).click();
  await page.getByRole("button", { name: "Set up two-step sign-in" }).click();
  const pending = (await page.getByTestId("totp-secret").textContent())!.trim();
  expect(pending).toMatch(/^[A-Z2-7]{32}$/);
  const confirm = page.getByRole("form", { name: "Confirm two-step sign-in" });
  await confirm.getByLabel("Code from the app").fill(totpCode(pending) === "000000" ? "111111" : "000000");
  await confirm.getByRole("button", { name: "Turn on" }).click();
  await expect(confirm.getByRole("alert")).toContainText("not right");
  // The same key waits for a right code.
  const { secret, recoveryCodes: recovery, enrolmentCode } = await enrolSecondFactor(page);
  expect(secret).toBe(pending);
  expect(recovery).toHaveLength(10);
  await expect(page.getByTestId("two-factor-status")).toContainText("10 of 10 recovery codes left");
  await signOut(page);

  // The password step alone gives no session: trainer pages and APIs still send us to sign in.
  await passwordStep(page, trainer);
  expect((await page.request.get("/api/videos")).status()).toBe(401);
  await page.goto("/trainer");
  await expect(page).toHaveURL(/\/signin$/);

  // Password + a wrong code: refused. The enrolment code again (a replay): refused.
  await passwordStep(page, trainer);
  await enterCode(page, "12345");
  await expect(codeAlert(page)).toContainText("not right");
  await enterCode(page, enrolmentCode);
  await expect(codeAlert(page)).toContainText("already used");
  // The app's next code (the clock is allowed one step of drift).
  await enterCode(page, totpCode(secret, Date.now() + 30_000));
  await expect(page).toHaveURL(/\/trainer$/);
  expect((await page.request.get("/api/videos")).status()).toBe(200);
  await signOut(page);

  // Lost phone: a recovery code signs in once.
  await passwordStep(page, trainer);
  await enterCode(page, recovery[0]);
  await expect(page).toHaveURL(/\/trainer$/);
  await page.getByRole("link", { name: "Security" }).click();
  await expect(page.getByTestId("two-factor-status")).toContainText("9 of 10 recovery codes left");
  await signOut(page);
  await passwordStep(page, trainer);
  await enterCode(page, recovery[0]);
  await expect(codeAlert(page)).toContainText("already used");

  // Auth.js's own endpoint with the right password: no session either.
  const csrf = await (await page.request.get("/api/auth/csrf")).json();
  await page.request.post("/api/auth/callback/password", {
    form: { email: trainer.email, password: trainer.password, csrfToken: csrf.csrfToken, callbackUrl: "/trainer" },
    maxRedirects: 0,
  });
  expect((await page.request.get("/api/videos")).status()).toBe(401);

  // A magic link is one factor: it is sent (asking must not reveal who has two-step sign-in) but does not sign in.
  await page.goto("/signin");
  const magic = page.getByRole("form", { name: "Email me a sign-in link" });
  await magic.getByLabel("Email").fill(trainer.email);
  await magic.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const { links } = await readEmail(page, trainer.email, /sign-in link/);
  await page.goto(links.find((l) => l.includes("/api/auth/callback/email"))!);
  await expect(page).toHaveURL(/\/signin\?error=TwoFactor$/);
  await expect(page.getByText("Your account uses two-step sign-in")).toBeVisible();
  expect((await page.request.get("/api/videos")).status()).toBe(401);
});

test("an admin without two-step sign-in is sent to set it up before any admin page; once on, the audit log opens and shows it", async ({
  page,
}) => {
  await signInAsTrainer(page); // the demo trainer is an admin without a second factor
  await page.goto("/admin/audit");
  await expect(page).toHaveURL(/\/trainer\/security\?required=admin$/);
  await expect(page.getByText("Admin pages need two-step sign-in")).toBeVisible();
  // Trainer pages still work without it (the demo trainer stays usable).
  await page.goto("/trainer");
  await expect(page).toHaveURL(/\/trainer$/);

  await enrolSecondFactor(page);
  try {
    await page.goto("/admin/audit");
    await expect(page).toHaveURL(/\/admin\/audit$/);
    await expect(page.getByTestId("audit-row").filter({ hasText: "two-factor.enabled" }).first()).toContainText(demoTrainer().email);
  } finally {
    // Back as the rest of the suite expects it: password-only.
    await removeSecondFactor(page, demoTrainer().password);
  }
  await page.goto("/admin/audit");
  await expect(page).toHaveURL(/\/trainer\/security\?required=admin$/);
});
