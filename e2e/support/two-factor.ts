import { expect, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { demoTrainer, signInAsTrainer } from "./app";

/** The code an authenticator app shows for `secret` at `when` (RFC 6238, the app's defaults). */
export const totpCode = (secret: string, when = Date.now()) =>
  new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: when });

/** Turns on two-step sign-in for the trainer signed in on `page`, as they would on the Security page (the app is this code). */
export async function enrolSecondFactor(page: Page): Promise<{ secret: string; recoveryCodes: string[]; enrolmentCode: string }> {
  await page.goto("/trainer/security");
  // A set-up already started (key shown, not yet confirmed) is continued with the same key.
  const start = page.getByRole("button", { name: "Set up two-step sign-in" });
  const qr = page.getByRole("img", { name: "QR code for your authenticator app" });
  await expect(start.or(qr)).toBeVisible();
  if (await start.isVisible()) await start.click();
  await expect(qr).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  const confirm = page.getByRole("form", { name: "Confirm two-step sign-in" });
  const enrolmentCode = totpCode(secret);
  await confirm.getByLabel("Code from the app").fill(enrolmentCode);
  await confirm.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByText("Two-step sign-in is on.")).toBeVisible();
  const recoveryCodes = await page.getByTestId("recovery-code").allTextContents();
  await page.getByRole("link", { name: "I saved them" }).click();
  await expect(page.getByTestId("two-factor-status")).toBeVisible();
  return { secret, recoveryCodes, enrolmentCode };
}

/** Turns it off with the password: puts a shared account (the demo admin) back as other tests expect it. */
export async function removeSecondFactor(page: Page, password: string) {
  await page.goto("/trainer/security");
  const form = page.getByRole("form", { name: "Turn off two-step sign-in" });
  await form.getByLabel("or your password").fill(password);
  await form.getByRole("button", { name: "Turn off two-step sign-in" }).click();
  await expect(page.getByRole("button", { name: "Set up two-step sign-in" })).toBeVisible();
}

/**
 * Runs `act` as the demo admin with two-step sign-in on, as an admin must be to invite or make schools
 * (turned on for it and off again, so the demo admin signs in with a password alone everywhere else).
 */
export async function asEnrolledDemoAdmin<T>(browser: Browser, act: (request: APIRequestContext) => Promise<T>): Promise<T> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAsTrainer(page);
  await enrolSecondFactor(page);
  try {
    return await act(context.request);
  } finally {
    await removeSecondFactor(page, demoTrainer().password);
    await context.close();
  }
}

/** A new trainer of the demo school, invited by the demo admin. */
export const inviteTrainerAsAdmin = (
  browser: Browser,
  who: { email: string; name: string },
): Promise<{ id: string; email: string; password: string }> =>
  asEnrolledDemoAdmin(browser, async (request) => {
    const res = await request.post("/api/school/trainers", { data: who });
    expect(res.status()).toBe(201);
    return res.json();
  });

/** A second school on the instance with its first admin, made by the demo admin as platform admin. */
export const createSchoolAsAdmin = (
  browser: Browser,
  school: { name: string; defaultLanguage?: string; admin: { email: string; name: string } },
): Promise<{ school: { id: string; name: string }; admin: { email: string; password: string } }> =>
  asEnrolledDemoAdmin(browser, async (request) => {
    const res = await request.post("/api/admin/schools", { data: school });
    expect(res.status()).toBe(201);
    return res.json();
  });
