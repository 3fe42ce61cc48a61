import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Browser, type Page } from "@playwright/test";
import { E2E_DATA_DIR } from "../../playwright.config";

/** The demo trainer the server printed on its first start (also written to the data dir). */
export function demoTrainer(): { email: string; password: string } {
  return JSON.parse(readFileSync(path.join(E2E_DATA_DIR, "demo-trainer.json"), "utf8"));
}

export async function signInAsTrainer(page: Page, creds = demoTrainer()) {
  await page.goto("/signin");
  const form = page.getByRole("form", { name: "Trainer sign-in" });
  await form.getByLabel("Email").fill(creds.email);
  await form.getByLabel("Password").fill(creds.password);
  await form.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/trainer$/);
}

/** Opens the newest dev-mailbox email to `to` whose subject matches, and returns its links. */
export async function readEmail(
  page: Page,
  to: string,
  subject: RegExp,
): Promise<{ links: string[]; text: string; replyTo: string | null }> {
  await expect
    .poll(
      async () => {
        await page.goto("/dev/mailbox");
        return page.getByTestId("mailbox-row").filter({ hasText: to }).filter({ hasText: subject }).count();
      },
      { timeout: 30_000 },
    )
    .toBeGreaterThan(0);
  await page.getByTestId("mailbox-row").filter({ hasText: to }).filter({ hasText: subject }).first().getByRole("link").click();
  await expect(page.getByTestId("mail-to")).toHaveText(to);
  const links = await page.getByTestId("mail-link").evaluateAll((els) => els.map((e) => (e as HTMLAnchorElement).href));
  const text = (await page.getByTestId("mail-text").textContent()) ?? "";
  const replyTo = (await page.getByTestId("mail-reply-to").count()) ? await page.getByTestId("mail-reply-to").textContent() : null;
  return { links, text, replyTo };
}

/** A student signs in through the magic link in their email, in a fresh browser context. */
export async function signInAsStudent(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/signin");
  const form = page.getByRole("form", { name: "Email me a sign-in link" });
  await form.getByLabel("Email").fill(email);
  await form.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const mailbox = await context.newPage();
  const { links } = await readEmail(mailbox, email, /sign-in link/);
  await mailbox.close();
  const link = links.find((l) => l.includes("/api/auth/callback/email"));
  expect(link, "magic link in the email").toBeTruthy();
  await page.goto(link!);
  await expect(page).toHaveURL(/\/student$/);
  return page;
}
