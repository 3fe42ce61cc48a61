// Delivery to students: link tokens, the student's own view, trainer actions on
// shares, the email outbox through the real SESv2 SDK, SES bounce/complaint
// events, activity and the retention sweep — against a real DB and a real s3rver.
import { randomBytes, randomUUID } from "node:crypto";
import { eq, inArray, sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { devMailbox, emailOutbox, emailSuppressions, shareEvents, shares, videos, type Share, type User } from "@/db/schema";
import { resolveConfig } from "@/lib/config";
import type { AppContext } from "@/lib/context";
import { handleSesEvent, handleSnsEmailEvents } from "@/lib/email/events";
import { drainOutbox } from "@/lib/email/outbox";
import { unseal } from "@/lib/email/seal";
import { mailboxTransport, sesTransport } from "@/lib/email/transports";
import type { ApiError } from "@/lib/http";
import { sweepStorage } from "@/lib/retention/sweep";
import { recordShareEvent, shareByToken, shareForStudent, sharesForStudent } from "@/lib/shares/access";
import { extendShare, resendShare, revokeShare } from "@/lib/shares/manage";
import { shareActivity } from "@/lib/shares/status";
import { DAY_MS as DAY } from "@/lib/time";
import { MiB } from "@/lib/uploads/rules";
import { completeUpload, createUpload, recordParts, signParts, signThumbnail } from "@/lib/uploads/service";
import { deleteVideo, trainerStats } from "@/lib/videos";
import type { TestDatabase } from "../support/db";
import { startHarness } from "../support/harness";
import { mp4ShapedBytes } from "../support/media";
import { releaseShareEmails } from "@/lib/media/jobs";
import type { TestS3 } from "../support/s3";
import type { FakeSes } from "../support/ses";

const SECRET = "delivery-secret-".padEnd(40, "x");
const FROM = "ApexShare <no-reply@example.com>";
const APP = "http://localhost:3000";
let t: TestDatabase;
let s3: TestS3;
let ses: FakeSes;
let ctx: AppContext;
let tina: User; // owns the videos
let otto: User; // another trainer

beforeAll(async () => {
  const h = await startHarness({ s3: true, ses: true, trainers: true });
  ({ s3, t, ses, tina, otto } = h);
  const config = resolveConfig({
    APP_URL: APP,
    AUTH_SECRET: SECRET,
    EMAIL_FROM: FROM,
    CRON_SECRET: "c".repeat(20),
    UPLOAD_MAX_BYTES: String(100 * MiB),
    UPLOAD_MIN_PART_BYTES: String(5 * MiB),
    RETENTION_DAYS: "30",
  });
  ctx = { db: t.db, storage: s3.storage, config, now: () => new Date() };
  return h.close;
});
beforeEach(async () => {
  await t.db.delete(emailOutbox);
  await t.db.delete(emailSuppressions);
  await t.db.delete(devMailbox);
  await t.db.delete(videos); // cascades to shares and share_events
  ses.accepted.length = 0;
  ses.failNext(0);
});

const SAM = { email: "sam@example.com", name: "Sam" };
const ALEX = { email: "alex@example.com", name: null };
/** The app as it is at another moment. */
const clock = (now: Date): AppContext => ({ ...ctx, now: () => now });
const ses$ = () => sesTransport({ transport: "ses", from: FROM, region: "eu-west-1", sesEndpoint: ses.endpoint });
const answer = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: ApiError) => ({ status: e.status, message: e.message }),
  );
const shareRow = async (id: string) => (await t.db.select().from(shares).where(eq(shares.id, id)))[0];
const outboxFor = (shareId: string) => t.db.select().from(emailOutbox).where(eq(emailOutbox.shareId, shareId));
const pick = (list: Share[], email: string) => list.find((s) => s.recipientEmail === email)!;

/** A whole upload like the browser does it (real presigned PUTs), completed: the video is ready and shared. */
async function deliver(owner: User, students: { email: string; name: string | null }[] = [SAM, ALEX], extra: Record<string, unknown> = {}) {
  const size = (extra.size as number) ?? 1000;
  const body = {
    fileName: "track-day.mp4",
    contentType: "video/mp4",
    size,
    sessionDate: "2026-05-31",
    notes: "",
    students,
    shareExpiryDays: 7,
    ...extra,
  };
  const up = await createUpload(ctx, owner, body);
  const { parts } = await signParts(ctx, owner, up.videoId, { partNumbers: Array.from({ length: up.partCount }, (_, i) => i + 1) });
  const file = mp4ShapedBytes(size);
  const stored = [];
  for (const { partNumber, url } of parts) {
    const bytes = file.subarray((partNumber - 1) * up.partSize, partNumber * up.partSize);
    const res = await fetch(url, { method: "PUT", body: bytes });
    expect(res.status).toBe(200);
    stored.push({ partNumber, etag: res.headers.get("etag")!, size: bytes.length });
  }
  await recordParts(ctx, owner, up.videoId, { parts: stored });
  const { video } = await completeUpload(ctx, owner, up.videoId);
  expect(video.status).toBe("ready");
  // The emails wait for the phone rendition; here the media job\'s part is played by hand (test/integration/media.test.ts covers it).
  await releaseShareEmails(t.db, video.id, ctx.now());
  return { video, shares: await t.db.select().from(shares).where(eq(shares.videoId, video.id)) };
}

/** The token only exists in the queued email: unseal its link and take /d/<token>. */
function tokenOf(row: { payload: Record<string, unknown> }) {
  const url = new URL(unseal(row.payload.sealedUrl as string, SECRET));
  expect(url.pathname).toMatch(/^\/d\/[A-Za-z0-9_-]{43}$/);
  return url.pathname.split("/").pop()!;
}
const tokenFor = async (shareId: string) => tokenOf((await outboxFor(shareId))[0]);

describe("link tokens", () => {
  it("open the shared video with the real token, and only while the share is live", async () => {
    const { video, shares: list } = await deliver(tina, [SAM], { title: "Brands Hatch" });
    const share = list[0];
    const token = await tokenFor(share.id);
    const found = await shareByToken(ctx, token);
    expect(found?.share.id).toBe(share.id);
    expect(found?.video).toMatchObject({ id: video.id, title: "Brands Hatch" });
    expect(found?.trainer).toEqual({ name: "Tina Trainer", email: "tina@example.com" });

    expect(await shareByToken(clock(new Date(share.expiresAt.getTime() - 1000)), token)).not.toBeNull();
    expect(await shareByToken(clock(new Date(share.expiresAt.getTime() + 1000)), token)).toBeNull();
    expect(await shareByToken(ctx, randomBytes(32).toString("base64url"))).toBeNull();
    for (const junk of ["../../etc", "' or 1=1--", "a".repeat(5000), "", token.slice(0, 42), `${token}=`])
      expect(await shareByToken(ctx, junk), JSON.stringify(junk.slice(0, 20))).toBeNull();

    await revokeShare(ctx, tina.id, share.id);
    expect(await shareByToken(ctx, token)).toBeNull();
  });

  it("a link to a deleted video opens nothing", async () => {
    const { video, shares: list } = await deliver(tina, [SAM]);
    const token = await tokenFor(list[0].id);
    expect(await shareByToken(ctx, token)).not.toBeNull();
    await deleteVideo(ctx, tina.id, video.id);
    expect(await shareByToken(ctx, token)).toBeNull();
  });

  it("are stored only as a hash, and no database column holds one once the email is sent", async () => {
    const { shares: list } = await deliver(tina);
    const tokens = await Promise.all(list.map((s) => tokenFor(s.id)));
    for (const [i, s] of list.entries()) {
      expect(s.tokenHash).toMatch(/^[0-9a-f]{64}$/);
      expect(s.tokenHash).not.toContain(tokens[i]);
    }
    expect(await drainOutbox(ctx, mailboxTransport(t.db))).toEqual({ sent: 2, retried: 0, failed: 0 });
    for (const m of await t.db.select().from(emailOutbox)) expect(m.payload).not.toHaveProperty("sealedUrl");
    const mailbox = await t.db.select().from(devMailbox);
    expect(mailbox.map((m) => m.text).join()).toContain(tokens[0]); // the dev inbox is the one place allowed to hold it

    const tables = (await t.db.execute(
      sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'dev_mailbox'`,
    )) as unknown as { rows: { name: string }[] };
    expect(tables.rows.map((r) => r.name)).toEqual(expect.arrayContaining(["shares", "email_outbox", "videos", "share_events"]));
    let dump = "";
    for (const { name } of tables.rows) {
      const res = (await t.db.execute(sql`select coalesce(json_agg(x)::text, '') as j from ${sql.identifier(name)} x`)) as unknown as {
        rows: { j: string }[];
      };
      dump += res.rows[0].j;
    }
    expect(dump).toContain(list[0].tokenHash); // the dump really covers the shares table
    for (const token of tokens) expect(dump).not.toContain(token);
  });
});

describe("a signed-in student", () => {
  it("sees only their own live shares, newest session first, whatever the case of their address", async () => {
    const older = await deliver(tina, [SAM, ALEX], { sessionDate: "2026-04-01", title: "Older" });
    const newer = await deliver(tina, [{ email: "SAM@Example.com", name: "Sam" }], { sessionDate: "2026-05-20", title: "Newer" });
    const samOld = pick(older.shares, SAM.email);
    const alexOld = pick(older.shares, ALEX.email);
    const samNew = newer.shares[0];

    expect((await sharesForStudent(ctx, "SAM@Example.COM")).map((r) => r.video.title)).toEqual(["Newer", "Older"]);
    expect((await sharesForStudent(ctx, ALEX.email)).map((r) => r.share.id)).toEqual([alexOld.id]);
    expect((await shareForStudent(ctx, "Sam@example.com", samOld.id))?.share.id).toBe(samOld.id);
    expect(await shareForStudent(ctx, ALEX.email, samOld.id)).toBeNull();
    expect(await shareForStudent(ctx, SAM.email, alexOld.id)).toBeNull();
    expect(await shareForStudent(ctx, SAM.email, "not-a-uuid")).toBeNull();

    await revokeShare(ctx, tina.id, samNew.id);
    expect((await sharesForStudent(ctx, SAM.email)).map((r) => r.share.id)).toEqual([samOld.id]);
    expect(await shareForStudent(ctx, SAM.email, samNew.id)).toBeNull();
    const later = new Date(samOld.expiresAt.getTime() + 1000);
    expect(await sharesForStudent(clock(later), SAM.email)).toEqual([]);
    expect(await shareForStudent(clock(later), SAM.email, samOld.id)).toBeNull();
  });

  it("gets null, not a database error, for a share id that merely looks like a uuid", async () => {
    const { shares: list } = await deliver(tina, [SAM]);
    for (const junk of ["-".repeat(36), "a".repeat(36), `${list[0].id.slice(0, 35)}-`])
      expect(await shareForStudent(ctx, SAM.email, junk).catch((e: Error) => e.message.slice(0, 40)), junk).toBeNull();
  });
});

describe("trainer actions on shares", () => {
  it("another trainer gets the same 404 as a random id, and changes nothing", async () => {
    const { video, shares: list } = await deliver(tina, [SAM]);
    const before = await shareRow(list[0].id);
    const ops: Record<string, (id: string) => Promise<unknown>> = {
      revokeShare: (id) => revokeShare(ctx, otto.id, id),
      extendShare: (id) => extendShare(ctx, otto.id, id, { days: 3 }),
      resendShare: (id) => resendShare(ctx, otto.id, id),
    };
    for (const [name, op] of Object.entries(ops)) {
      expect(await answer(op(before.id)), name).toEqual({ status: 404, message: "No such share." });
      expect(await answer(op(randomUUID())), name).toEqual(await answer(op(before.id)));
    }
    const del = await answer(deleteVideo(ctx, otto.id, video.id));
    expect(del).toMatchObject({ status: 404 });
    expect(await answer(deleteVideo(ctx, otto.id, randomUUID()))).toEqual(del);

    expect(await shareRow(before.id)).toEqual(before);
    expect(await outboxFor(before.id)).toHaveLength(1);
    expect((await t.db.select().from(videos).where(eq(videos.id, video.id)))[0].status).toBe("ready");
    expect(await s3.storage.headSize(video.objectKey)).toBe(1000);
  });

  it("revoke, then extend by 3 days lifts the revocation; extension is capped at the video's deletion", async () => {
    const { video, shares: list } = await deliver(tina, [SAM]);
    const id = list[0].id;
    const revokedAt = new Date(Date.now() + 1000);
    expect((await revokeShare(clock(revokedAt), tina.id, id)).revokedAt).toEqual(revokedAt);

    const now = new Date(Date.now() + 2 * DAY);
    const extended = await extendShare(clock(now), tina.id, id, { days: 3 });
    expect(extended.revokedAt).toBeNull();
    expect(extended.expiresAt).toEqual(new Date(now.getTime() + 3 * DAY));
    expect((await shareRow(id)).expiresAt).toEqual(new Date(now.getTime() + 3 * DAY));

    for (const days of [0, 31, "x", 2.5]) await expect(extendShare(ctx, tina.id, id, { days })).rejects.toMatchObject({ status: 400 });
    await expect(extendShare(ctx, tina.id, id, {})).rejects.toMatchObject({ status: 400 });

    const videoEnds = new Date(Date.now() + DAY);
    await t.db.update(videos).set({ expiresAt: videoEnds }).where(eq(videos.id, video.id));
    expect((await extendShare(ctx, tina.id, id, { days: 3 })).expiresAt).toEqual(videoEnds);
  });

  it("resend rotates the token: the old link dies, the new email's link works, one email queued", async () => {
    const { shares: list } = await deliver(tina, [SAM]);
    const share = list[0];
    const oldToken = await tokenFor(share.id);
    const before = await outboxFor(share.id);
    const updated = await resendShare(ctx, tina.id, share.id);
    expect(updated.tokenHash).not.toBe(share.tokenHash);
    const after = await outboxFor(share.id);
    expect(after).toHaveLength(before.length + 1);
    const fresh = after.find((m) => !before.some((b) => b.id === m.id))!;
    expect(fresh).toMatchObject({ recipient: SAM.email, status: "queued", template: "video-shared" });
    const newToken = tokenOf(fresh);
    expect(newToken).not.toBe(oldToken);
    expect(await shareByToken(ctx, oldToken)).toBeNull();
    expect((await shareByToken(ctx, newToken))?.share.id).toBe(share.id);
  });

  it("five resends at once send one email; the others are told to wait (429)", async () => {
    const { shares: list } = await deliver(tina, [SAM]);
    const before = await outboxFor(list[0].id);
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => resendShare(ctx, tina.id, list[0].id)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected"))
      expect((r as PromiseRejectedResult).reason).toMatchObject({ status: 429 });
    expect(await outboxFor(list[0].id)).toHaveLength(before.length + 1);
  });

  it("resending an expired link near the video's deletion does not promise a link beyond it", async () => {
    const { video, shares: list } = await deliver(tina, [SAM]);
    const now = new Date(list[0].expiresAt.getTime() + DAY); // the 7-day link has lapsed
    const videoEnds = new Date(now.getTime() + 2 * DAY);
    await t.db.update(videos).set({ expiresAt: videoEnds }).where(eq(videos.id, video.id));
    const updated = await resendShare(clock(now), tina.id, list[0].id);
    expect(updated.expiresAt.getTime()).toBeGreaterThan(now.getTime());
    expect(updated.expiresAt.getTime()).toBeLessThanOrEqual(videoEnds.getTime());
  });

  it("deleting a video removes its objects (original and thumbnail) and revokes every share", async () => {
    const { video, shares: list } = await deliver(tina);
    const { url } = await signThumbnail(ctx, tina, video.id, { durationSeconds: 12 });
    expect((await fetch(url, { method: "PUT", body: randomBytes(300), headers: { "Content-Type": "image/jpeg" } })).status).toBe(200);
    const thumb = `thumbnails/${video.id}.jpg`;
    expect(await s3.storage.headSize(video.objectKey)).toBe(1000);
    expect(await s3.storage.headSize(thumb)).toBe(300);
    expect(await deleteVideo(ctx, tina.id, video.id)).toEqual({ deleted: true });
    expect(await s3.storage.headSize(video.objectKey)).toBeNull();
    expect(await s3.storage.headSize(thumb)).toBeNull();
    const rows = await t.db
      .select()
      .from(shares)
      .where(
        inArray(
          shares.id,
          list.map((s) => s.id),
        ),
      );
    expect(rows).toHaveLength(2);
    for (const s of rows) expect(s.revokedAt).not.toBeNull();
    await expect(resendShare(ctx, tina.id, list[0].id)).rejects.toMatchObject({ status: 404 });
  });
});

describe("the outbox through the real SESv2 SDK", () => {
  it("delivers each student's email exactly once through an SES outage", async () => {
    const { shares: list } = await deliver(tina, [SAM, ALEX], { title: "Snetterton laps" });
    ses.failNext(3);
    let now = Date.now();
    for (let round = 0; round < 6; round++) {
      await drainOutbox(clock(new Date(now)), ses$());
      now += 3_600_000;
    }
    expect(ses.requests).toBe(5); // 3 failed + 2 delivered
    const to = ses.accepted.map((m) => m.body.Destination.ToAddresses[0]).sort();
    expect(to).toEqual([ALEX.email, SAM.email]);
    for (const m of ses.accepted) {
      expect(m.body.Content.Simple.Subject.Data).toContain("Snetterton laps");
      expect(m.body.ReplyToAddresses).toEqual(["tina@example.com"]);
      expect(m.body.Content.Simple.Body.Text.Data).toMatch(/http:\/\/localhost:3000\/d\/[A-Za-z0-9_-]{43}/);
    }
    const activity = await shareActivity(t.db, list);
    for (const s of list) expect(activity.get(s.id)?.email.state, s.recipientEmail).toBe("sent");
  });
});

describe("SES bounce and complaint events", () => {
  const sns = (event: unknown) => ({ Type: "Notification", MessageId: "m1", Message: JSON.stringify(event) });
  const bounce = (bounceType: string, emailAddress: string) =>
    sns({ eventType: "Bounce", bounce: { bounceType, bouncedRecipients: [{ emailAddress }] }, mail: { destination: [emailAddress] } });

  it("a permanent bounce suppresses the address: no more email, no resend, the trainer sees 'bounced'", async () => {
    expect(await handleSesEvent(ctx, bounce("Permanent", "Bounce@Example.com"))).toEqual({
      kind: "suppressed",
      emails: ["bounce@example.com"],
      reason: "bounce",
    });
    expect(await t.db.select().from(emailSuppressions)).toMatchObject([{ email: "bounce@example.com", reason: "bounce" }]);

    const { shares: list } = await deliver(tina, [{ email: "bounce@example.com", name: null }, SAM]);
    expect(await drainOutbox(ctx, ses$())).toEqual({ sent: 1, retried: 0, failed: 1 });
    expect(ses.accepted.map((m) => m.body.Destination.ToAddresses[0])).toEqual([SAM.email]);
    const bounced = pick(list, "bounce@example.com");
    expect(await outboxFor(bounced.id)).toMatchObject([{ status: "failed", lastError: expect.stringMatching(/bounced/) }]);

    expect(await answer(resendShare(ctx, tina.id, bounced.id))).toMatchObject({ status: 409, message: expect.stringMatching(/bounced/) });
    expect(await outboxFor(bounced.id)).toHaveLength(1);
    const activity = await shareActivity(t.db, list);
    expect(activity.get(bounced.id)?.email.state).toBe("bounced");
    expect(activity.get(pick(list, SAM.email).id)?.email.state).toBe("sent");
  });

  it("ignores a transient bounce and a subscription confirmation, suppresses a complaint", async () => {
    expect(await handleSesEvent(ctx, bounce("Transient", "full@example.com"))).toMatchObject({ kind: "ignored" });
    expect(await t.db.select().from(emailSuppressions)).toEqual([]);

    const complaint = sns({ eventType: "Complaint", complaint: { complainedRecipients: [{ emailAddress: "angry@example.com" }] } });
    expect(await handleSesEvent(ctx, complaint)).toEqual({ kind: "suppressed", emails: ["angry@example.com"], reason: "complaint" });
    expect(await t.db.select().from(emailSuppressions)).toMatchObject([{ email: "angry@example.com", reason: "complaint" }]);
    // A Lambda subscription is never asked to confirm; nothing here fetches a URL from a message.
    const confirm = { Type: "SubscriptionConfirmation", SubscribeURL: "https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription" };
    expect(await handleSesEvent(ctx, confirm)).toMatchObject({ kind: "ignored" });
  });

  it("the subscriber function's SNS records each carry one SES event", async () => {
    const records = (...events: unknown[]) => ({
      Records: events.map((e) => ({ EventSource: "aws:sns", Sns: { Type: "Notification", Message: JSON.stringify(e) } })),
    });
    const out = await handleSnsEmailEvents(
      ctx,
      records(
        { eventType: "Bounce", bounce: { bounceType: "Permanent", bouncedRecipients: [{ emailAddress: "a@example.com" }] } },
        { eventType: "Delivery" },
      ),
    );
    expect(out).toEqual([
      { kind: "suppressed", emails: ["a@example.com"], reason: "bounce" },
      { kind: "ignored", why: "event Delivery" },
    ]);
    expect(await handleSnsEmailEvents(ctx, { not: "sns" })).toEqual([{ kind: "ignored", why: "not an SNS event" }]);
  });
});

describe("activity and stats", () => {
  it("reports first view/play/download times and counts per share", async () => {
    const { shares: list } = await deliver(tina, [SAM, ALEX]);
    const sam = pick(list, SAM.email);
    const base = Date.now() - 3_600_000;
    const at = (min: number) => new Date(base + min * 60_000);
    await recordShareEvent(clock(at(5)), sam.id, "view");
    await recordShareEvent(clock(at(1)), sam.id, "view");
    await recordShareEvent(clock(at(2)), sam.id, "play");
    await recordShareEvent(clock(at(9)), sam.id, "download");
    await recordShareEvent(clock(at(7)), sam.id, "download");
    await recordShareEvent(clock(at(8)), sam.id, "download");
    const activity = await shareActivity(t.db, list);
    expect(activity.get(sam.id)).toMatchObject({
      opened: at(1),
      watched: at(2),
      downloaded: at(7),
      views: 2,
      downloads: 3,
      email: { state: "queued" },
    });
    expect(activity.get(pick(list, ALEX.email).id)).toMatchObject({
      opened: null,
      watched: null,
      downloaded: null,
      views: 0,
      downloads: 0,
    });
    expect((await shareActivity(t.db, [])).size).toBe(0);
  });

  it("sums storage over the trainer's non-deleted videos and counts uploads in 8 weekly buckets", async () => {
    await deliver(tina, [SAM], { size: 1000 });
    await createUpload(ctx, tina, { fileName: "b.mp4", size: 2000, sessionDate: "2026-05-31", students: [SAM] });
    const old = await deliver(tina, [SAM], { size: 500 });
    await t.db
      .update(videos)
      .set({ createdAt: new Date(Date.now() - 21 * DAY) })
      .where(eq(videos.id, old.video.id));
    await createUpload(ctx, otto, { fileName: "o.mp4", size: 7000, sessionDate: "2026-05-31", students: [SAM] });

    const stats = await trainerStats(ctx, tina.id);
    expect(stats).toMatchObject({ storageBytes: 3500, videoCount: 3 });
    expect(stats.weeks).toHaveLength(8);
    expect(new Date(`${stats.weeks[0].start}T00:00:00Z`).getUTCDay()).toBe(1); // Mondays
    expect(stats.weeks.map((w) => w.count)).toEqual([0, 0, 0, 0, 1, 0, 0, 2]);

    await deleteVideo(ctx, tina.id, old.video.id);
    expect(await trainerStats(ctx, tina.id)).toMatchObject({ storageBytes: 3000, videoCount: 2 });
  });
});

describe("retention sweep", () => {
  async function expiredVideo() {
    const d = await deliver(tina, [SAM]);
    const thumb = `thumbnails/${d.video.id}.jpg`;
    const put = await fetch(await s3.storage.presignPut(thumb, 60, "image/jpeg"), {
      method: "PUT",
      body: randomBytes(200),
      headers: { "Content-Type": "image/jpeg" },
    });
    expect(put.status).toBe(200);
    await t.db
      .update(videos)
      .set({ expiresAt: new Date(Date.now() - 1000), thumbnailKey: thumb })
      .where(eq(videos.id, d.video.id));
    await recordShareEvent(ctx, d.shares[0].id, "view");
    return { ...d, thumb };
  }
  const gone = async (d: Awaited<ReturnType<typeof expiredVideo>>) => {
    expect(await s3.storage.headSize(d.video.objectKey)).toBeNull();
    expect(await s3.storage.headSize(d.thumb)).toBeNull();
    expect(await t.db.select().from(videos).where(eq(videos.id, d.video.id))).toEqual([]);
    expect(await t.db.select().from(shares).where(eq(shares.videoId, d.video.id))).toEqual([]);
    expect(await t.db.select().from(shareEvents).where(eq(shareEvents.shareId, d.shares[0].id))).toEqual([]);
  };

  it("deletes expired videos and day-old unfinished uploads, keeps videos within retention", async () => {
    const expired = await expiredVideo();
    const kept = await deliver(tina, [ALEX]);
    const abandoned = await createUpload(ctx, tina, { fileName: "a.mp4", size: 1000, sessionDate: "2026-05-31", students: [SAM] });
    const fresh = await createUpload(ctx, tina, { fileName: "f.mp4", size: 1000, sessionDate: "2026-05-31", students: [SAM] });
    await t.db
      .update(videos)
      .set({ createdAt: new Date(Date.now() - 2 * DAY) })
      .where(eq(videos.id, abandoned.videoId));

    expect(await sweepStorage(ctx)).toEqual({ expiredVideos: 1, abandonedUploads: 1, deletedVideos: 0 });
    await gone(expired);
    const left = await t.db.select().from(videos);
    expect(left.map((v) => v.id).sort()).toEqual([kept.video.id, fresh.videoId].sort());
    expect(await s3.storage.headSize(kept.video.objectKey)).toBe(1000);
    expect(await shareByToken(ctx, await tokenFor(kept.shares[0].id))).not.toBeNull();
  });

  it("two sweeps at once are harmless: each expired video is removed and counted exactly once", async () => {
    const expired = [await expiredVideo(), await expiredVideo(), await expiredVideo()];
    const kept = await deliver(tina, [ALEX]);
    const results = await Promise.all([sweepStorage(ctx), sweepStorage(ctx)]);
    expect(results[0].expiredVideos + results[1].expiredVideos).toBe(3);
    for (const r of results) expect(r).toMatchObject({ abandonedUploads: 0, deletedVideos: 0 });
    for (const d of expired) await gone(d);
    expect((await t.db.select().from(videos)).map((v) => v.id)).toEqual([kept.video.id]);
  });
});
