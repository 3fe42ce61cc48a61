import { expect, test } from "@playwright/test";
import { demoTrainer, readEmail, signInAsStudent, signInAsTrainer } from "./support/app";

test("the landing page says what ApexShare is and leads to sign-in", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Riding-session videos");
  await page.getByRole("link", { name: "Sign in" }).first().click();
  await expect(page).toHaveURL(/\/signin$/);
});

test("a trainer signs in with the printed demo credentials and sees the dashboard", async ({ page }) => {
  await signInAsTrainer(page);
  await expect(page.getByRole("heading", { name: "Your sessions" })).toBeVisible();
  await expect(page.getByText(demoTrainer().email)).toBeVisible();
  // The session survives a reload (cookie-held, no server memory).
  await page.reload();
  await expect(page.getByRole("heading", { name: "Your sessions" })).toBeVisible();
});

test("a wrong password and an unknown email get the same message", async ({ page }) => {
  const messages: string[] = [];
  for (const [email, password] of [
    [demoTrainer().email, "not-the-password"],
    ["nobody@example.com", "whatever-password"],
  ]) {
    await page.goto("/signin");
    const form = page.getByRole("form", { name: "Trainer sign-in" });
    await form.getByLabel("Email").fill(email);
    await form.getByLabel("Password").fill(password);
    await form.getByRole("button", { name: "Sign in" }).click();
    const alert = form.getByRole("alert");
    await expect(alert).toBeVisible();
    messages.push((await alert.textContent()) ?? "");
  }
  expect(messages).toEqual(["Invalid email or password.", "Invalid email or password."]);
  await expect(page).toHaveURL(/\/signin/);
});

test("a student signs in by magic link from the dev mailbox and is refused the trainer dashboard", async ({ browser }) => {
  const page = await signInAsStudent(browser, "rider.one@example.com");
  await expect(page.getByRole("heading", { name: "Your videos" })).toBeVisible();
  await page.goto("/trainer");
  await expect(page.getByRole("heading", { name: "This page is for trainers" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Your sessions" })).toHaveCount(0);
  await page.context().close();
});

test("a magic link works once; reusing it gets a clear message", async ({ browser, page }) => {
  const student = await signInAsStudent(browser, "rider.two@example.com");
  await student.context().close();
  const { links } = await readEmail(page, "rider.two@example.com", /sign-in link/);
  const fresh = await browser.newContext();
  const p = await fresh.newPage();
  await p.goto(links.find((l) => l.includes("/api/auth/callback/email"))!);
  await expect(p.getByRole("alert").filter({ hasText: "sign-in link" })).toContainText("expired or was already used");
  await expect(p).toHaveURL(/\/signin/);
  await fresh.close();
});

test("anonymous visitors are sent to sign in; health answers; unknown routes are 404", async ({ page, request }) => {
  await page.goto("/trainer");
  await expect(page).toHaveURL(/\/signin$/);
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ ok: true, database: "ok", storage: "ok" });
  const missing = await request.get("/api/does-not-exist");
  expect(missing.status()).toBe(404);
});
