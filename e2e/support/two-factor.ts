import { expect, type Browser, type Page } from "@playwright/test";
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
 * A new trainer, invited by the demo admin as an admin must do it: with two-step sign-in on (turned on for the
 * invite and off again, so the demo admin signs in with a password alone everywhere else).
 */
export async function inviteTrainerAsAdmin(
  browser: Browser,
  who: { email: string; name: string },
): Promise<{ email: string; password: string }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAsTrainer(page);
  await enrolSecondFactor(page);
  try {
    const res = await context.request.post("/api/admin/trainers", { data: who });
    expect(res.status()).toBe(201);
    return await res.json();
  } finally {
    await removeSecondFactor(page, demoTrainer().password);
    await context.close();
  }
}
