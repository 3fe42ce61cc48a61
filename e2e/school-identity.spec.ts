// Issue 15, the school's identity, in Chromium: the demo school's admin (with two-step sign-in,
// as school-admin pages require) names the school, sets its reply-to address and uploads a PNG
// logo straight to the bucket; a student's share email then carries the school's name and its
// Reply-To, and the student's link page shows the logo — the very bytes that were uploaded.
// The demo school is shared by every spec: its name, reply-to and logo are put back at the end.
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { crc32 } from "node:zlib";
import { expect, test, type Page } from "@playwright/test";
import { demoTrainer, readEmail, signInAsStudent, signInAsTrainer } from "./support/app";
import { expectAxeClean } from "./support/axe";
import { smallClip } from "./support/files";
import { enrolSecondFactor, removeSecondFactor } from "./support/two-factor";
import { uploadForStudents } from "./support/upload";

test.setTimeout(240_000);

const SCHOOL_NAME = "Motorrijschool De Kurve";
const REPLY_TO = "kantoor@dekurve.example";

// A real 1×1 PNG.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

/** The PNG made unique per run by a text chunk after its header (so its hash proves these bytes came back). */
function pngFile(): { file: string; sha256: string } {
  const data = Buffer.concat([Buffer.from("tEXt"), Buffer.from(`Comment\0run ${randomBytes(8).toString("hex")}`, "latin1")]);
  const chunk = Buffer.alloc(data.length + 8);
  chunk.writeUInt32BE(data.length - 4, 0);
  data.copy(chunk, 4);
  chunk.writeUInt32BE(crc32(data), data.length + 4);
  const ihdrEnd = 8 + 25; // signature, then IHDR: length, type, 13 bytes, CRC
  const bytes = Buffer.concat([PNG.subarray(0, ihdrEnd), chunk, PNG.subarray(ihdrEnd)]);
  const dir = path.join(tmpdir(), "apexshare-e2e-logo");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "logo.png");
  writeFileSync(file, bytes);
  return { file, sha256: createHash("sha256").update(bytes).digest("hex") };
}

/** The identity page's current name and reply-to address (what to put back). */
async function currentIdentity(page: Page) {
  await page.goto("/school/identity");
  const form = page.getByRole("form", { name: "School name and reply-to address" });
  return { name: await form.getByLabel("School name").inputValue(), replyTo: await form.getByLabel("Reply-to address").inputValue() };
}

test("a school admin sets the school's name, reply-to and logo; the student's email and link page carry them", async ({
  page,
  browser,
}) => {
  const student = `kurve.${Date.now()}@example.com`;
  const logo = pngFile();
  await signInAsTrainer(page);
  // Without two-step sign-in the page sends the admin to set it up, and the API says what to do.
  await page.goto("/school/identity");
  await expect(page).toHaveURL(/\/trainer\/security\?required=admin$/);
  const refused = await page.request.patch("/api/school/identity", { data: { name: "Not yet" } });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error).toMatch(/^Turn on two-step sign-in/);
  await enrolSecondFactor(page);
  const before = await currentIdentity(page);
  // A run that stopped half-way left our name behind: the demo school's own is "Demo school".
  const original = {
    name: before.name === SCHOOL_NAME ? "Demo school" : before.name,
    replyTo: before.replyTo === REPLY_TO ? "" : before.replyTo,
  };
  let logoSrc: string | undefined;
  try {
    // Name and reply-to.
    const form = page.getByRole("form", { name: "School name and reply-to address" });
    await form.getByLabel("School name").fill(SCHOOL_NAME);
    await form.getByLabel("Reply-to address").fill(REPLY_TO);
    await form.getByRole("button", { name: "Save" }).click();
    await expect(form.getByRole("status")).toHaveText("Saved.");

    // The logo: the browser POSTs it to the bucket, then the server checks and keeps it.
    const toBucket = page.waitForResponse((r) => r.request().method() === "POST" && /:\d+\/apexshare-local\/?$/.test(r.url()));
    await page.getByLabel("Choose a logo").setInputFiles(logo.file);
    expect((await toBucket).status()).toBe(204);
    await expect(page.getByText("Logo saved.")).toBeVisible();
    await expect(page.getByTestId("school-logo-preview")).toBeVisible();
    await expectAxeClean(page, "the school identity page");

    // A session shared with a student: the email names the school and replies go to its address.
    await uploadForStudents(page, smallClip("kurve.mp4", 610), [{ email: student, name: "Kim" }], "Bochtenwerk");
    const mail = await readEmail(page, student, /shared your riding session: Bochtenwerk/);
    expect(mail.text.split("\n")[0]).toBe(SCHOOL_NAME);
    expect(mail.replyTo).toBe(REPLY_TO);
    const link = mail.links.find((l) => l.includes("/d/"));
    expect(link, "the email's /d/ link").toBeTruthy();

    // The student's link page: the school's name and logo on top; the logo is the uploaded file.
    const context = await browser.newContext();
    try {
      const studentPage = await context.newPage();
      await studentPage.goto(link!);
      await expect(studentPage.getByTestId("school-name")).toHaveText(SCHOOL_NAME);
      const img = studentPage.getByTestId("school-logo");
      await expect(img).toBeVisible();
      await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth)).toBe(1);
      const src = (logoSrc = await img.evaluate((el) => (el as HTMLImageElement).src));
      expect(src).toMatch(/\/api\/schools\/[0-9a-f-]{36}\/logo\?v=/);
      // The lasting route answers a redirect to a short-lived signed URL of the object.
      const redirect = await context.request.get(src, { maxRedirects: 0 });
      expect(redirect.status()).toBe(302);
      expect(redirect.headers()["location"]).toContain("X-Amz-Signature=");
      const bytes = await (await context.request.get(src)).body();
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(logo.sha256);
    } finally {
      await context.close();
    }

    // Signed in, the student's own pages carry the school's header too.
    const signedIn = await signInAsStudent(browser, student);
    try {
      await expect(signedIn.getByTestId("school-name")).toHaveText(SCHOOL_NAME);
      await expect(signedIn.getByTestId("school-logo")).toBeVisible();
      await signedIn.getByRole("link", { name: "Bochtenwerk" }).click();
      await expect(signedIn.getByTestId("school-name")).toHaveText(SCHOOL_NAME);
    } finally {
      await signedIn.context().close();
    }
  } finally {
    // Put the demo school back as the other specs know it: name, reply-to, no logo.
    const reset = await page.request.patch("/api/school/identity", { data: original });
    expect(reset.status()).toBe(200);
    expect((await page.request.delete("/api/school/logo")).status()).toBe(200);
    // No logo: the lasting route answers 404.
    if (logoSrc) expect((await page.request.get(logoSrc, { maxRedirects: 0 })).status()).toBe(404);
    await removeSecondFactor(page, demoTrainer().password);
  }
});
