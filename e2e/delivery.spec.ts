import { createHash } from "node:crypto";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { demoTrainer, readEmail, signInAsStudent, signInAsTrainer } from "./support/app";
import { sha256File } from "./support/files";
import { uploadForStudents } from "./support/upload";

const FIXTURE = path.join(process.cwd(), "e2e", "fixtures", "session.mp4"); // 6 s H.264, plays in Chromium
const NOTES = "Great lines in turn 3 — look further ahead on the exit.";

const uploadFor = (page: Page, students: { email: string; name: string }[], title: string) =>
  uploadForStudents(page, FIXTURE, students, title, NOTES);

async function shareLinkFromEmail(page: Page, email: string, title: string) {
  const mail = await readEmail(page, email, new RegExp(title));
  const link = mail.links.find((l) => l.includes("/d/"));
  expect(link, "personal link in the email").toBeTruthy();
  return { link: link!, mail };
}

async function watchAndDownload(browser: Browser, link: string) {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(link);
  const player = page.getByTestId("player");
  await expect(player).toBeVisible();
  // Seek into the middle and play: currentTime must advance past the seek point.
  await player.evaluate(async (v: HTMLVideoElement) => {
    v.muted = true;
    if (v.readyState < 1) await new Promise((r) => v.addEventListener("loadedmetadata", r, { once: true }));
    v.currentTime = 3;
    await v.play();
  });
  await expect.poll(() => player.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 15_000 }).toBeGreaterThan(3.3);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download").click()]);
  expect(download.suggestedFilename()).toBe("session.mp4");
  const file = await download.path();
  expect(await sha256File(file)).toBe(await sha256File(FIXTURE));
  await context.close();
}

test("the whole journey: upload for two students, each gets an email, watches with seeking, downloads the exact bytes; the trainer sees it", async ({
  page,
  browser,
}) => {
  const students = [
    { email: "sam.rider@example.com", name: "Sam Rider" },
    { email: "alex.moto@example.com", name: "Alex Moto" },
  ];
  await signInAsTrainer(page);
  await uploadFor(page, students, "Track day journey");

  for (const s of students) {
    const { link, mail } = await shareLinkFromEmail(page, s.email, "Track day journey");
    expect(mail.text).toContain(`Hi ${s.name},`);
    expect(mail.text).toContain("Demo Trainer");
    expect(mail.text).toContain(NOTES);
    expect(mail.text).toMatch(/available until \d{1,2} \w+ \d{4}/);
    expect(mail.replyTo).toBe(demoTrainer().email);
    await watchAndDownload(browser, link);
  }

  // The trainer's dashboard shows the session and, per student: emailed · opened · watched · downloaded.
  await expect
    .poll(
      async () => {
        await page.goto("/trainer");
        const row = page.getByTestId("session-row").filter({ hasText: "Track day journey" });
        const done = await row.locator('[data-testid^="st-"][data-done="yes"]').count();
        return done;
      },
      { timeout: 20_000 },
    )
    .toBe(8);
  const row = page.getByTestId("session-row").filter({ hasText: "Track day journey" });
  for (const s of students) {
    const share = row.locator(`[data-testid="share-row"][data-email="${s.email}"]`);
    for (const step of ["emailed", "opened", "watched", "downloaded"])
      await expect(share.getByTestId(`st-${step}`)).toHaveAttribute("data-done", "yes");
  }
});

test("made-up, malformed and revoked links all show the same friendly page, never the video", async ({ page, browser }) => {
  await signInAsTrainer(page);
  await uploadFor(page, [{ email: "revoke.me@example.com", name: "Riley" }], "Revocation check");
  const { link } = await shareLinkFromEmail(page, "revoke.me@example.com", "Revocation check");

  const visitor = await browser.newPage();
  await visitor.goto(link);
  await expect(visitor.getByTestId("player")).toBeVisible();

  await page.goto("/trainer");
  await page
    .getByTestId("session-row")
    .filter({ hasText: "Revocation check" })
    .getByRole("button", { name: "Revoke link for revoke.me@example.com" })
    .click();
  await expect(page.getByTestId("session-row").filter({ hasText: "Revocation check" }).getByTestId("st-link")).toHaveText("link revoked");

  const texts: string[] = [];
  for (const url of [link, "/d/" + "A".repeat(43), "/d/not-a-token", "/d/%27%20or%201%3D1--"]) {
    const res = await visitor.goto(url);
    expect(res?.status()).toBe(404); // a dead link is a 404 to crawlers and scripts, a friendly page to people
    await expect(visitor.getByRole("heading", { name: "This link is no longer available" })).toBeVisible();
    await expect(visitor.getByTestId("player")).toHaveCount(0);
    texts.push(await visitor.locator("main").innerText());
  }
  expect(new Set(texts).size).toBe(1);
  // The download route of a revoked link leads back to the same page, not to the file.
  await visitor.goto(`${link}/download`);
  await expect(visitor.getByRole("heading", { name: "This link is no longer available" })).toBeVisible();

  // Resend issues a fresh link that works.
  await page
    .getByTestId("session-row")
    .filter({ hasText: "Revocation check" })
    .getByRole("button", { name: "Resend link to revoke.me@example.com" })
    .click();
  await expect
    .poll(async () => (await readEmail(page, "revoke.me@example.com", /Revocation check/)).links.find((l) => l.includes("/d/")))
    .not.toBe(link);
  const fresh = (await readEmail(page, "revoke.me@example.com", /Revocation check/)).links.find((l) => l.includes("/d/"))!;
  await visitor.goto(fresh);
  await expect(visitor.getByTestId("player")).toBeVisible();
  await visitor.close();
});

test("a student sees their own videos after signing in, and never another student's", async ({ page, browser }) => {
  await signInAsTrainer(page);
  await uploadFor(page, [{ email: "student.one@example.com", name: "One" }], "Only for one");

  const one = await signInAsStudent(browser, "student.one@example.com");
  const entry = one.getByTestId("student-video").filter({ hasText: "Only for one" });
  await expect(entry).toBeVisible();
  await entry.getByRole("link").click();
  await expect(one.getByTestId("player")).toBeVisible();
  const ownUrl = one.url();

  const two = await signInAsStudent(browser, "student.two@example.com");
  await expect(two.getByTestId("student-video")).toHaveCount(0);
  const res = await two.goto(ownUrl);
  expect(res?.status()).toBe(404);
  await expect(two.getByTestId("player")).toHaveCount(0);
  const dl = await two.request.get(`${ownUrl}/download`, { maxRedirects: 0 });
  expect(dl.status()).toBe(404);
  // And no trainer page either.
  await two.goto("/trainer");
  await expect(two.getByRole("heading", { name: "This page is for trainers" })).toBeVisible();
  await one.context().close();
  await two.context().close();
});

// A format the browser cannot play (HEVC): e2e/media.spec.ts — the phone rendition gives it a picture.

test("the link page ships no React runtime: one small module of our own, named by its hash, cached for a year and admitted by the page's nonce", async ({
  page,
  browser,
}) => {
  await signInAsTrainer(page);
  await uploadFor(page, [{ email: "light.page@example.com", name: "Lee Light" }], "Light page check");
  const { link } = await shareLinkFromEmail(page, "light.page@example.com", "Light page check");

  const context = await browser.newContext();
  const student = await context.newPage();
  const scripts: string[] = [];
  const cspErrors: string[] = [];
  student.on("request", (r) => {
    if (r.resourceType() === "script") scripts.push(r.url());
  });
  student.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
  });
  const res = (await student.goto(link))!;
  await expect(student.getByTestId("player")).toBeVisible();
  await student.waitForLoadState("networkidle");

  // One script, ours, content-hashed; nothing of React or Next's router in the page.
  expect(scripts).toHaveLength(1);
  const url = new URL(scripts[0]);
  expect(url.origin).toBe(new URL(link).origin);
  const [, hash] = /^\/_next\/static\/apex\/student-page-([0-9a-f]{16})\.js$/.exec(url.pathname) ?? [];
  expect(hash, url.pathname).toBeTruthy();
  const module = await student.request.get(scripts[0]);
  const body = await module.body();
  expect(createHash("sha256").update(body).digest("hex").slice(0, 16)).toBe(hash);
  expect(gzipSync(body, { level: 9 }).length, "the module's gzip size").toBeLessThan(20_000);
  expect(module.headers()["cache-control"]).toContain("immutable");
  expect(await student.evaluate(() => ["next", "__next_f", "React"].filter((k) => k in window))).toEqual([]);

  // The page's headers: the nonce of its CSP is the module's, scripts only our own; the rest as every page.
  const headers = res.headers();
  // (The browser hides a nonce attribute once parsed; the property keeps it.)
  const nonce = await student.locator('script[type="module"]').evaluate((s: HTMLScriptElement) => s.nonce);
  expect(nonce).toBeTruthy();
  expect(headers["content-security-policy"]).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
  expect(headers["referrer-policy"]).toBe("no-referrer");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["cache-control"]).toContain("no-store");
  await expect(student.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  await expect(student.locator('meta[name="referrer"]')).toHaveAttribute("content", "no-referrer");
  expect(cspErrors).toEqual([]);
  await context.close();
});
