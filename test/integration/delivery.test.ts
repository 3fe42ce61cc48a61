// Delivery to students: link tokens, the student's own view, trainer actions on
// shares, the email outbox through the real SESv2 SDK, SES bounce/complaint
// events, activity and the retention sweep — against a real DB and a real s3rver.
import { randomBytes, randomUUID } from "node:crypto";
import { eq, inArray, sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  devMailbox,
  emailOutbox,
  mediaJobs,
  emailSuppressions,
  ridingSessions,
  shareEvents,
  shares,
  videos,
  type Share,
  type User,
} from "@/db/schema";
import { resolveConfig } from "@/lib/config";
import type { AppContext } from "@/lib/context";
import { handleSesEvent, handleSnsEmailEvents } from "@/lib/email/events";
import { drainOutbox } from "@/lib/email/outbox";
import { unseal } from "@/lib/email/seal";
import { mailboxTransport, sesTransport } from "@/lib/email/transports";
import type { ApiError } from "@/lib/http";
import { sweepStorage } from "@/lib/retention/sweep";
import { recordShareEvent, sessionByToken, sessionByTokenLimited, sessionForStudent, sessionsForStudent } from "@/lib/shares/access";
import { changeShareExpiry, extendShare, resendShare, revokeShare } from "@/lib/shares/manage";
import { shareForViewer } from "@/lib/shares/viewer";
import { Storage } from "@/lib/storage/s3";
import { shareActivity } from "@/lib/shares/status";
import { DAY_MS as DAY } from "@/lib/time";
import { MiB } from "@/lib/uploads/rules";
import { completeUpload, createUpload, recordParts, signParts, signThumbnail } from "@/lib/uploads/service";
import { deleteVideo, playbackFor, trainerStats } from "@/lib/videos";
import type { TestDatabase } from "../support/db";
import { startHarness } from "../support/harness";
import { roundTrips } from "../support/round-trips";
import { mp4ShapedBytes } from "../support/media";
import { releaseShareEmails } from "@/lib/media/jobs";
import { postToStorage, type TestS3 } from "../support/s3";
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
  await t.db.delete(ridingSessions); // cascades to videos, shares and share_events
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
  await t.db.update(mediaJobs).set({ playableAt: ctx.now() }).where(eq(mediaJobs.videoId, video.id));
  await releaseShareEmails(t.db, video.id, ctx.now());
  return { video, shares: await t.db.select().from(shares).where(eq(shares.sessionId, video.sessionId)) };
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
    const found = await sessionByToken(ctx, token);
    expect(found?.share.id).toBe(share.id);
    expect(found?.videos).toMatchObject([{ id: video.id, title: "Brands Hatch" }]);
    expect(found?.session).toMatchObject({ id: video.sessionId, title: "Brands Hatch", sessionDate: "2026-05-31" });
    expect(found?.trainer).toEqual({ name: "Tina Trainer", email: "tina@example.com" });

    expect(await sessionByToken(clock(new Date(share.expiresAt.getTime() - 1000)), token)).not.toBeNull();
    expect(await sessionByToken(clock(new Date(share.expiresAt.getTime() + 1000)), token)).toBeNull();
    expect(await sessionByToken(ctx, randomBytes(32).toString("base64url"))).toBeNull();
    for (const junk of ["../../etc", "' or 1=1--", "a".repeat(5000), "", token.slice(0, 42), `${token}=`])
      expect(await sessionByToken(ctx, junk), JSON.stringify(junk.slice(0, 20))).toBeNull();

    await revokeShare(ctx, tina.id, share.id);
    expect(await sessionByToken(ctx, token)).toBeNull();
  });

  it("a link to a deleted video opens nothing", async () => {
    const { video, shares: list } = await deliver(tina, [SAM]);
    const token = await tokenFor(list[0].id);
    expect(await sessionByToken(ctx, token)).not.toBeNull();
    await deleteVideo(ctx, tina.id, video.id);
    expect(await sessionByToken(ctx, token)).toBeNull();
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

describe("the download redirect's lookup", () => {
  it("counts the per-address limit in the same statement as the share lookup, and still says 429 past it", async () => {
    const { shares: list } = await deliver(tina, [SAM], { title: "Snetterton" });
    const token = await tokenFor(list[0].id);
    const policy = { what: "test downloads", limit: 2, windowSeconds: 60 };
    const first = await roundTrips(t.db, () => sessionByTokenLimited(ctx, token, { policy, subject: "198.51.100.7" }));
    expect(first.result?.share.id).toBe(list[0].id);
    expect(first.statements).toBe(1); // limit, share and the session's videos together (was 3, then 2)
    expect(first.result?.videos).toHaveLength(1);
    // An unknown token is counted too, and answers null.
    expect(await sessionByTokenLimited(ctx, "B".repeat(43), { policy, subject: "198.51.100.7" })).toBeNull();
    await expect(sessionByTokenLimited(ctx, token, { policy, subject: "198.51.100.7" })).rejects.toMatchObject({ status: 429 });
    await expect(sessionByTokenLimited(ctx, "B".repeat(43), { policy, subject: "198.51.100.7" })).rejects.toMatchObject({ status: 429 });
    expect((await sessionByTokenLimited(ctx, token, { policy, subject: "198.51.100.8" }))?.share.id).toBe(list[0].id);
  });
});

describe("a signed-in student", () => {
  it("sees only their own live shares, newest session first, whatever the case of their address", async () => {
    const older = await deliver(tina, [SAM, ALEX], { sessionDate: "2026-04-01", title: "Older" });
    const newer = await deliver(tina, [{ email: "SAM@Example.com", name: "Sam" }], { sessionDate: "2026-05-20", title: "Newer" });
    const samOld = pick(older.shares, SAM.email);
    const alexOld = pick(older.shares, ALEX.email);
    const samNew = newer.shares[0];

    expect((await sessionsForStudent(ctx, "SAM@Example.COM")).map((r) => r.session.title)).toEqual(["Newer", "Older"]);
    expect((await sessionsForStudent(ctx, ALEX.email)).map((r) => r.share.id)).toEqual([alexOld.id]);
    expect((await sessionForStudent(ctx, "Sam@example.com", samOld.id))?.share.id).toBe(samOld.id);
    expect(await sessionForStudent(ctx, ALEX.email, samOld.id)).toBeNull();
    expect(await sessionForStudent(ctx, SAM.email, alexOld.id)).toBeNull();
    expect(await sessionForStudent(ctx, SAM.email, "not-a-uuid")).toBeNull();

    await revokeShare(ctx, tina.id, samNew.id);
    expect((await sessionsForStudent(ctx, SAM.email)).map((r) => r.share.id)).toEqual([samOld.id]);
    expect(await sessionForStudent(ctx, SAM.email, samNew.id)).toBeNull();
    const later = new Date(samOld.expiresAt.getTime() + 1000);
    expect(await sessionsForStudent(clock(later), SAM.email)).toEqual([]);
    expect(await sessionForStudent(clock(later), SAM.email, samOld.id)).toBeNull();
  });

  it("gets null, not a database error, for a share id that merely looks like a uuid", async () => {
    const { shares: list } = await deliver(tina, [SAM]);
    for (const junk of ["-".repeat(36), "a".repeat(36), `${list[0].id.slice(0, 35)}-`])
      expect(await sessionForStudent(ctx, SAM.email, junk).catch((e: Error) => e.message.slice(0, 40)), junk).toBeNull();
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

  it("revoke, then extend by 3 days lifts the revocation and adds the days to the link's current end (never shortens it)", async () => {
    const { shares: list } = await deliver(tina, [SAM]);
    const id = list[0].id;
    const revokedAt = new Date(Date.now() + 1000);
    expect((await revokeShare(clock(revokedAt), tina.id, id)).revokedAt).toEqual(revokedAt);

    // The 7-day link still has 5 days to run two days later: extending adds to its end, not to "now".
    const now = new Date(Date.now() + 2 * DAY);
    const { share: extended, heldToRetention } = await extendShare(clock(now), tina.id, id, { days: 3 });
    expect(extended.revokedAt).toBeNull();
    expect(heldToRetention).toBe(false);
    expect(extended.expiresAt).toEqual(new Date(list[0].expiresAt.getTime() + 3 * DAY));
    expect((await shareRow(id)).expiresAt).toEqual(extended.expiresAt);

    // A lapsed link is extended from now.
    const lapsed = new Date(extended.expiresAt.getTime() + 5 * DAY);
    expect((await extendShare(clock(lapsed), tina.id, id, { days: 1 })).share.expiresAt).toEqual(new Date(lapsed.getTime() + DAY));

    for (const days of [0, 91, "x", 2.5]) await expect(extendShare(ctx, tina.id, id, { days })).rejects.toMatchObject({ status: 400 });
    await expect(extendShare(ctx, tina.id, id, {})).rejects.toMatchObject({ status: 400 });
  });

  it("expiry: held at the videos' deletion unless the trainer keeps them longer (up to the maximum); set an end date; expire now", async () => {
    const { video, shares: list } = await deliver(tina, [SAM]);
    const id = list[0].id;
    const retentionEnd = video.expiresAt!; // 30 days after upload
    const r1 = await changeShareExpiry(ctx, tina.id, id, { action: "extend", days: 60 });
    expect(r1).toMatchObject({ heldToRetention: true, retentionEndsAt: retentionEnd });
    expect(r1.share.expiresAt).toEqual(retentionEnd);

    // Keeping longer moves the videos' deletion too, never past upload + MAX_RETENTION_DAYS (90 by default).
    const r2 = await changeShareExpiry(ctx, tina.id, id, { action: "extend", days: 30, keepLonger: true });
    expect(r2.share.expiresAt).toEqual(new Date(retentionEnd.getTime() + 30 * DAY));
    expect((await t.db.select().from(videos).where(eq(videos.id, video.id)))[0].expiresAt).toEqual(r2.share.expiresAt);
    const r3 = await changeShareExpiry(ctx, tina.id, id, { action: "extend", days: 90, keepLonger: true });
    const max = new Date(video.completedAt!.getTime() + 90 * DAY);
    expect(r3).toMatchObject({ heldToRetention: true });
    expect(r3.share.expiresAt).toEqual(max);
    expect((await t.db.select().from(videos).where(eq(videos.id, video.id)))[0].expiresAt).toEqual(max);

    // An end date may shorten (that is what it is for); a past date is refused.
    const until = await changeShareExpiry(ctx, tina.id, id, { action: "until", until: "2099-01-01" });
    expect(until).toMatchObject({ heldToRetention: true });
    const soon = new Date(Date.now() + 3 * DAY).toISOString().slice(0, 10);
    expect((await changeShareExpiry(ctx, tina.id, id, { action: "until", until: soon })).share.expiresAt).toEqual(
      new Date(`${soon}T23:59:59.999Z`),
    );
    expect(await answer(changeShareExpiry(ctx, tina.id, id, { action: "until", until: "2020-01-01" }))).toMatchObject({ status: 400 });
    expect(await answer(changeShareExpiry(ctx, tina.id, id, { action: "until", until: "2026-02-30" }))).toMatchObject({ status: 400 });

    const now = new Date(Date.now() + 1000);
    expect((await changeShareExpiry(clock(now), tina.id, id, { action: "expire" })).share.expiresAt).toEqual(now);
    expect(await sessionByToken(clock(new Date(now.getTime() - 1)), await tokenFor(id))).not.toBeNull();
    expect(await sessionByToken(clock(now), await tokenFor(id))).toBeNull();
    expect(await answer(changeShareExpiry(ctx, otto.id, id, { action: "expire" }))).toEqual({ status: 404, message: "No such share." });
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
    expect(fresh).toMatchObject({ recipient: SAM.email, status: "queued", template: "session-shared" });
    const newToken = tokenOf(fresh);
    expect(newToken).not.toBe(oldToken);
    expect(await sessionByToken(ctx, oldToken)).toBeNull();
    expect((await sessionByToken(ctx, newToken))?.share.id).toBe(share.id);
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

  it("extending never moves a link past a video deletion that was brought forward, and never shortens it either", async () => {
    const { video, shares: list } = await deliver(tina, [SAM]);
    const videoEnds = new Date(Date.now() + DAY);
    await t.db.update(videos).set({ expiresAt: videoEnds }).where(eq(videos.id, video.id));
    expect(await answer(extendShare(ctx, tina.id, list[0].id, { days: 3 }))).toMatchObject({
      status: 409,
      message: expect.stringMatching(/keep the videos longer/),
    });
    expect((await shareRow(list[0].id)).expiresAt).toEqual(list[0].expiresAt);
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
    const { upload } = await signThumbnail(ctx, tina, video.id, { durationSeconds: 12 });
    expect((await postToStorage(upload, randomBytes(300))).status).toBe(204);
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
    await expect(resendShare(ctx, tina.id, list[0].id)).rejects.toMatchObject({ status: 409, message: /no uploaded video/ });
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
      trainersTold: 0, // no one has shared with it yet
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
    expect(await handleSesEvent(ctx, complaint)).toEqual({
      kind: "suppressed",
      emails: ["angry@example.com"],
      reason: "complaint",
      trainersTold: 0,
    });
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
      { kind: "suppressed", emails: ["a@example.com"], reason: "bounce", trainersTold: 0 },
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
    await recordShareEvent(ctx, d.shares[0].id, "view", d.video.id);
    return { ...d, thumb };
  }
  const gone = async (d: Awaited<ReturnType<typeof expiredVideo>>) => {
    expect(await s3.storage.headSize(d.video.objectKey)).toBeNull();
    expect(await s3.storage.headSize(d.thumb)).toBeNull();
    expect(await t.db.select().from(videos).where(eq(videos.id, d.video.id))).toEqual([]);
    expect(await t.db.select().from(shares).where(eq(shares.sessionId, d.video.sessionId))).toEqual([]);
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

    expect(await sweepStorage(ctx)).toEqual({ expiredVideos: 1, abandonedUploads: 1, deletedVideos: 0, emptySessions: 2 });
    await gone(expired);
    const left = await t.db.select().from(videos);
    expect(left.map((v) => v.id).sort()).toEqual([kept.video.id, fresh.videoId].sort());
    expect(await s3.storage.headSize(kept.video.objectKey)).toBe(1000);
    expect(await sessionByToken(ctx, await tokenFor(kept.shares[0].id))).not.toBeNull();
  });

  it("two sweeps at once are harmless: each expired video is removed and counted exactly once", async () => {
    const expired = [await expiredVideo(), await expiredVideo(), await expiredVideo()];
    const kept = await deliver(tina, [ALEX]);
    const results = await Promise.all([sweepStorage(ctx), sweepStorage(ctx)]);
    expect(results[0].expiredVideos + results[1].expiredVideos).toBe(3);
    for (const r of results) expect(r).toMatchObject({ abandonedUploads: 0, deletedVideos: 0 });
    expect(results[0].emptySessions + results[1].emptySessions).toBe(3);
    for (const d of expired) await gone(d);
    expect((await t.db.select().from(videos)).map((v) => v.id)).toEqual([kept.video.id]);
  });
});

describe("media URLs after a revoke", () => {
  it("a revoked share gets no fresh URLs, and the URLs it already has die at their expiry", async () => {
    // 2 s is below the 60 s settings minimum: only so the test can watch a URL die (s3rver enforces expiry).
    const shortLived = { ...ctx, storage: new Storage({ ...s3.storage.config, mediaUrlTtlSeconds: 2 }) };
    const { shares: list, video } = await deliver(tina, [SAM]);
    const token = await tokenFor(list[0].id);
    const found = await shareForViewer(shortLived, { token, videoId: video.id });
    expect(found).not.toBeNull();
    const { original, urlsExpireInSeconds } = await playbackFor(shortLived, found!.video);
    expect(urlsExpireInSeconds).toBe(2);
    const signedAt = Date.now();
    expect((await fetch(original.url, { headers: { Range: "bytes=0-9" } })).status).toBe(206);

    await revokeShare(shortLived, tina.id, list[0].id);
    // What POST /api/playback asks before it signs anything: nothing for this viewer any more.
    expect(await shareForViewer(shortLived, { token, videoId: video.id })).toBeNull();
    // Already in the player: still plays until its expiry, then S3 refuses it.
    await new Promise((r) => setTimeout(r, Math.max(0, signedAt + 3200 - Date.now())));
    expect((await fetch(original.url, { headers: { Range: "bytes=0-9" } })).status).toBe(403);
  });
});
