// The school's identity: a school admin names the school, sets where replies go and uploads a
// logo straight to the bucket (a presigned POST whose policy S3 enforces; the server checks the
// stored object before the school shows it). Students see it on their emails (name, logo through
// a lasting URL, Reply-To) and their link page, and read the school's default language when
// neither their share nor their browser says. Another school's admin only ever reaches their own.
import { createHash, randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, emailOutbox, ridingSessions, schools, videos, type School, type User } from "@/db/schema";
import { createTrainer } from "@/lib/auth/trainers";
import type { AppContext } from "@/lib/context";
import { drainOutbox } from "@/lib/email/outbox";
import { sesTransport } from "@/lib/email/transports";
import { studentPageLocale } from "@/lib/i18n";
import { recordLogo, removeLogo, schoolIdentity, schoolLogoUrl, signLogoUpload, updateSchoolIdentity } from "@/lib/schools/identity";
import { LOGO_MAX_BYTES } from "@/lib/schools/logo-rules";
import { sessionByToken } from "@/lib/shares/access";
import { createShares, enqueueSessionEmail } from "@/lib/shares/create";
import type { TestDatabase } from "../support/db";
import { startHarness, testConfig, TRAINER_PASSWORD } from "../support/harness";
import { postPolicyViolations } from "../support/post-policy";
import { postToStorage, type TestS3 } from "../support/s3";
import type { FakeSes } from "../support/ses";

// A real 1×1 PNG.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const FROM = "ApexShare <no-reply@apexshare.example>";

let t: TestDatabase;
let s3: TestS3;
let ses: FakeSes;
let ctx: AppContext;
let schoolA: School;
let schoolB: School;
let adminA: User;
let adminB: User;
let trainerA: User;

beforeAll(async () => {
  const h = await startHarness({ s3: true, ses: true });
  ({ t, s3, ses } = h);
  ctx = { db: t.db, storage: s3.storage, config: testConfig({ EMAIL_FROM: FROM }), now: () => new Date() };
  [schoolA] = await t.db.insert(schools).values({ name: "Motorschool A" }).returning();
  [schoolB] = await t.db.insert(schools).values({ name: "Motorschool B" }).returning();
  const trainer = (email: string, schoolId: string, schoolAdmin: boolean) =>
    createTrainer(t.db, { email, password: TRAINER_PASSWORD, name: email.split("@")[0], schoolId, schoolAdmin });
  adminA = await trainer("anna@school-a.example", schoolA.id, true);
  adminB = await trainer("bert@school-b.example", schoolB.id, true);
  trainerA = await trainer("tom@school-a.example", schoolA.id, false);
  return h.close;
});

beforeEach(async () => {
  await t.db.delete(emailOutbox);
  ses.accepted.length = 0;
});

const schoolRow = async (id: string) => (await t.db.select().from(schools).where(eq(schools.id, id)))[0];

/** What the identity page does: presign, POST the file to the bucket, then ask the server to keep it. */
async function uploadLogo(admin: User, bytes: Uint8Array = PNG, contentType = "image/png") {
  const { key, upload } = await signLogoUpload(ctx, admin, { contentType, size: bytes.length });
  expect((await postToStorage(upload, bytes)).status).toBe(204);
  return { key, school: await recordLogo(ctx, admin, { key }) };
}

describe("the logo", () => {
  it("goes straight to the bucket; the school shows it through a public route that redirects to a short-lived URL; a new one replaces the old; remove", async () => {
    const { key, school } = await uploadLogo(adminA);
    expect(key).toMatch(new RegExp(`^schools/${schoolA.id}/logo-[0-9a-f]{32}$`));
    expect(school.logoKey).toBe(key);
    const [logged] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "school.logo-changed"), eq(auditLog.subjectId, schoolA.id)));
    expect(logged).toMatchObject({ actorId: adminA.id, schoolId: schoolA.id });

    // The route's target: a presigned GET of the object that expires; the bytes are the uploaded ones.
    const url = (await schoolLogoUrl(ctx, schoolA.id))!;
    expect(new URL(url).searchParams.get("X-Amz-Expires")).toBe("900");
    const res = await fetch(url);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(sha(new Uint8Array(await res.arrayBuffer()))).toBe(sha(PNG));
    // No logo, no school, not an id: nothing to redirect to (the route answers 404).
    expect(await schoolLogoUrl(ctx, schoolB.id)).toBeNull();
    expect(await schoolLogoUrl(ctx, randomUUID())).toBeNull();
    expect(await schoolLogoUrl(ctx, "../../etc")).toBeNull();

    // A new logo: the old object goes.
    const second = await uploadLogo(adminA);
    expect(second.school.logoKey).toBe(second.key);
    expect(await s3.storage.headObject(key)).toBeNull();

    expect((await removeLogo(ctx, adminA)).logoKey).toBeNull();
    expect(await s3.storage.headObject(second.key)).toBeNull();
    expect(await schoolLogoUrl(ctx, schoolA.id)).toBeNull();
  });

  // s3rver stores POST uploads without reading the policy (STACK.md): what S3 refuses is checked
  // against the signed policy with S3's documented rules (test/support/post-policy.ts), and the
  // server's own check of the stored object is run on what s3rver let through.
  it("a logo over 512 kB or of another type is refused by S3 (the POST policy), and by the server if it got into the bucket anyway", async () => {
    const { key, upload } = await signLogoUpload(ctx, adminA, { contentType: "image/png", size: PNG.length });
    const policy = JSON.parse(Buffer.from(upload.fields.Policy, "base64").toString("utf8"));
    expect(policy.conditions).toEqual(
      expect.arrayContaining([["content-length-range", 1, LOGO_MAX_BYTES], ["eq", "$Content-Type", "image/png"], { key }]),
    );
    const rules = { bucket: "apex-test", secretAccessKey: "S3RVER" };
    expect(postPolicyViolations(upload.fields, { size: PNG.length }, rules)).toEqual([]);
    expect(postPolicyViolations(upload.fields, { size: LOGO_MAX_BYTES + 1 }, rules)).toEqual([
      `file size ${LOGO_MAX_BYTES + 1} outside 1–${LOGO_MAX_BYTES}`,
    ]);
    expect(postPolicyViolations({ ...upload.fields, "Content-Type": "image/svg+xml" }, { size: 300 }, rules)).toEqual(
      expect.arrayContaining(["content-type must equal image/png"]),
    );

    // Asked for up front: no SVG (it can carry script), nothing too big.
    await expect(signLogoUpload(ctx, adminA, { contentType: "image/svg+xml" })).rejects.toMatchObject({
      status: 400,
      message: "contentType: A logo must be a PNG, JPEG or WebP image.",
    });
    await expect(signLogoUpload(ctx, adminA, { contentType: "image/png", size: LOGO_MAX_BYTES + 1 })).rejects.toMatchObject({
      status: 400,
      message: "size: A logo can be at most 512 kB.",
    });

    // What s3rver let through that S3 would not: refused, deleted, the school unchanged.
    const big = Buffer.concat([PNG, Buffer.alloc(LOGO_MAX_BYTES)]);
    expect((await postToStorage(upload, big)).status).toBe(204);
    await expect(recordLogo(ctx, adminA, { key })).rejects.toMatchObject({ status: 400, message: "A logo can be at most 512 kB." });
    expect(await s3.storage.headObject(key)).toBeNull();

    const html = Buffer.from("<html><script>alert(1)</script></html>");
    const other = await signLogoUpload(ctx, adminA, { contentType: "image/png" });
    expect((await postToStorage(other.upload, html, { "Content-Type": "text/html" })).status).toBe(204);
    await expect(recordLogo(ctx, adminA, { key: other.key })).rejects.toMatchObject({
      status: 400,
      message: "A logo must be a PNG, JPEG or WebP image.",
    });
    // The right type, the wrong bytes (an SVG called a PNG): the magic bytes give it away.
    const disguised = await signLogoUpload(ctx, adminA, { contentType: "image/png" });
    expect((await postToStorage(disguised.upload, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).status).toBe(204);
    await expect(recordLogo(ctx, adminA, { key: disguised.key })).rejects.toMatchObject({ status: 400 });
    expect(await s3.storage.headObject(disguised.key)).toBeNull();
    // An upload that never arrived.
    const never = await signLogoUpload(ctx, adminA, { contentType: "image/webp" });
    await expect(recordLogo(ctx, adminA, { key: never.key })).rejects.toMatchObject({ status: 400 });

    expect((await schoolRow(schoolA.id)).logoKey).toBeNull();
  });
});

describe("another school, another trainer", () => {
  it("a school admin of school B cannot change or read school A's identity: 404, nothing changed", async () => {
    const a = await uploadLogo(adminA);
    await updateSchoolIdentity(ctx, adminA, { name: "Motorschool A", replyTo: "office@school-a.example" });

    // B's admin reaches only B.
    expect((await schoolIdentity(t.db, adminB)).id).toBe(schoolB.id);
    expect((await updateSchoolIdentity(ctx, adminB, { name: "B renamed", replyTo: "" })).id).toBe(schoolB.id);
    await expect(recordLogo(ctx, adminB, { key: a.key })).rejects.toMatchObject({ status: 404 });
    await expect(recordLogo(ctx, adminB, { key: a.key.replace(schoolA.id, schoolB.id) })).rejects.toMatchObject({ status: 400 });
    await removeLogo(ctx, adminB);

    // A trainer of A who is not its admin: the answer a missing page gets.
    for (const attempt of [
      () => schoolIdentity(t.db, trainerA),
      () => updateSchoolIdentity(ctx, trainerA, { name: "Hijacked" }),
      () => signLogoUpload(ctx, trainerA, { contentType: "image/png" }),
      () => recordLogo(ctx, trainerA, { key: a.key }),
      () => removeLogo(ctx, trainerA),
    ])
      await expect(attempt()).rejects.toMatchObject({ status: 404 });

    expect(await schoolRow(schoolA.id)).toMatchObject({ name: "Motorschool A", replyTo: "office@school-a.example", logoKey: a.key });
    expect(await s3.storage.headObject(a.key)).not.toBeNull();
    expect((await schoolRow(schoolB.id)).name).toBe("B renamed");
    await t.db.update(schools).set({ name: "Motorschool B" }).where(eq(schools.id, schoolB.id));
  });

  it("names and reply-to addresses are checked, with a sentence a person understands", async () => {
    await expect(updateSchoolIdentity(ctx, adminA, { name: "  ", replyTo: "" })).rejects.toMatchObject({
      status: 400,
      message: "name: Enter the school's name.",
    });
    await expect(updateSchoolIdentity(ctx, adminA, { name: "A", replyTo: "not an address" })).rejects.toMatchObject({
      status: 400,
      message: "replyTo: Enter a valid email address.",
    });
    // Left out: unchanged.
    await updateSchoolIdentity(ctx, adminA, { name: "Motorschool A", replyTo: "desk@school-a.example" });
    expect((await updateSchoolIdentity(ctx, adminA, { name: "Motorschool A" })).replyTo).toBe("desk@school-a.example");
  });
});

describe("what students see", () => {
  /** A session of school A with one ready video, shared with one student, and its email sent through the real SESv2 SDK. */
  async function shareAndSend(student: { email: string; language?: "en" | "nl" | "fr" | null }) {
    const [session] = await t.db
      .insert(ridingSessions)
      .values({ trainerId: trainerA.id, schoolId: schoolA.id, title: "Circuit Zolder", sessionDate: "2026-11-20" })
      .returning();
    const videoId = randomUUID();
    await t.db.insert(videos).values({
      id: videoId,
      trainerId: trainerA.id,
      sessionId: session.id,
      title: "Lap 1",
      originalFileName: "GX010001.MP4",
      sizeBytes: 1000,
      contentType: "video/mp4",
      objectKey: `videos/${videoId}/original.mp4`,
      status: "ready",
      partSizeBytes: 1000,
      partCount: 1,
    });
    await t.db.transaction(async (tx) => {
      const [share] = await createShares(
        tx,
        session,
        [{ email: student.email, name: "Sam", language: student.language }],
        new Date(Date.now() + 7 * 86_400_000),
      );
      await enqueueSessionEmail(tx, ctx, {
        share,
        session,
        videos: [{ id: videoId, title: "Lap 1" }],
        trainer: { email: trainerA.email, name: "Tom" },
        kind: "session",
      });
    });
    const transport = sesTransport({ ...ctx.config.email, transport: "ses", region: "eu-west-1", sesEndpoint: ses.endpoint });
    expect(await drainOutbox(ctx, transport)).toMatchObject({ sent: 1 });
    const sent = ses.accepted.at(-1)!.body;
    const token = /\/d\/([A-Za-z0-9_-]+)/.exec(sent.Content.Simple.Body.Text.Data)![1];
    return { sent, token };
  }

  it("the share email carries the school's name and logo, and its Reply-To; the From stays the verified sender", async () => {
    const { key } = await uploadLogo(adminA);
    await updateSchoolIdentity(ctx, adminA, { name: "Rijschool Apex & Zonen", replyTo: "Office@School-A.example" });
    const { sent } = await shareAndSend({ email: "sam@student.example", language: "en" });
    expect(sent.FromEmailAddress).toBe(FROM);
    expect(sent.ReplyToAddresses).toEqual(["office@school-a.example"]);
    expect(sent.Content.Simple.Body.Text.Data.split("\n")[0]).toBe("Rijschool Apex & Zonen");
    const html = sent.Content.Simple.Body.Html.Data;
    expect(html).toContain("Rijschool Apex &amp; Zonen");
    // The logo's lasting URL: the app's route (which redirects to a fresh signed URL), never a signed URL that would die.
    const logoUrl = `http://localhost:3000/api/schools/${schoolA.id}/logo?v=${key.slice(-12)}`;
    expect(html).toContain(`<img src="${logoUrl}"`);
    expect(html).not.toContain("X-Amz-Signature");

    // Without a school reply-to, replies go to the trainer, as before.
    await updateSchoolIdentity(ctx, adminA, { name: "Rijschool Apex & Zonen", replyTo: "" });
    const again = await shareAndSend({ email: "sara@student.example", language: "en" });
    expect(again.sent.ReplyToAddresses).toEqual([trainerA.email]);
  });

  it("the school's default language is used when the share has none and the browser says nothing", async () => {
    await t.db.update(schools).set({ defaultLanguage: "nl" }).where(eq(schools.id, schoolA.id));
    try {
      const { sent, token } = await shareAndSend({ email: "noor@student.example", language: null });
      const [queued] = await t.db.select().from(emailOutbox);
      expect((queued.payload as { locale: string }).locale).toBe("nl");
      expect(sent.Content.Simple.Body.Html.Data).toContain('<html lang="nl">');

      const found = (await sessionByToken(ctx, token))!;
      expect(found.school).toMatchObject({ id: schoolA.id, defaultLanguage: "nl" });
      expect(studentPageLocale(found.share.language, null, found.school.defaultLanguage)).toBe("nl");
      // The browser's language comes first, the share's before that.
      expect(studentPageLocale(found.share.language, "fr-BE,fr;q=0.9", found.school.defaultLanguage)).toBe("fr");
      expect(studentPageLocale("en", "fr-BE", found.school.defaultLanguage)).toBe("en");

      // A share with its own language keeps it in the email.
      const english = await shareAndSend({ email: "emma@student.example", language: "en" });
      expect(english.sent.Content.Simple.Body.Html.Data).toContain('<html lang="en">');
    } finally {
      await t.db.update(schools).set({ defaultLanguage: "en" }).where(eq(schools.id, schoolA.id));
    }
  });
});
