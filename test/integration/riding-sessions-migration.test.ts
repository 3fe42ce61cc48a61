// Migration 0004 (riding sessions) on data shaped like production's before it:
// a single video shared with two students (one revoked, events, a sent and a
// held email), a GoPro recording in two chapters, an upload still running with
// its students on the video, a refused file and a deleted video. After the
// migration every video is its own session, old links open it, nobody is
// emailed twice, and the running upload's students are emailed when it ends.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emailOutbox, ridingSessions, shareEvents, shares, videos } from "@/db/schema";
import { resolveConfig } from "@/lib/config";
import type { AppContext } from "@/lib/context";
import { drainOutbox } from "@/lib/email/outbox";
import { mailboxTransport } from "@/lib/email/transports";
import { announceSession } from "@/lib/riding-sessions/announce";
import { sessionByToken, sessionsForStudent, studentMaySeeVideo } from "@/lib/shares/access";
import { hashShareToken, newShareToken } from "@/lib/shares/tokens";
import { openTestDatabase, type TestDatabase } from "../support/db";
import { migrateRest, migrationsBefore } from "../support/migrations";

let t: TestDatabase;
let ctx: AppContext;
const TINA = "trainer-tina";
const ids = {
  single: "11111111-1111-4111-8111-111111111111",
  ch1: "22222222-2222-4222-8222-222222222221",
  ch2: "22222222-2222-4222-8222-222222222222",
  running: "33333333-3333-4333-8333-333333333333",
  refused: "44444444-4444-4444-8444-444444444444",
  deleted: "55555555-5555-4555-8555-555555555555",
};
const recordingKey = "66666666-6666-4666-8666-666666666666";
const tokens = { sam: newShareToken(), alex: newShareToken(), rec: newShareToken(), gone: newShareToken() };
const now = new Date();
const ago = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

beforeAll(async () => {
  t = await openTestDatabase({ migrationsFolder: migrationsBefore(4) });
  const config = resolveConfig({ APP_URL: "http://localhost:3000", AUTH_SECRET: "m".repeat(40), CRON_SECRET: "c".repeat(20) });
  ctx = { db: t.db, storage: undefined as never, config, now: () => now };
  // The old shapes, written as the 0003 schema stored them.
  await t.db.execute(sql`insert into users (id, email, name, role) values (${TINA}, 'tina@example.com', 'Tina', 'trainer')`);
  const video = (
    id: string,
    o: { status: string; title: string; date: string; recipients?: unknown[]; chapter?: number; count?: number; rec?: string | null },
  ) =>
    t.db
      .execute(sql`insert into videos (id, trainer_id, title, original_file_name, size_bytes, content_type, object_key, status, part_size_bytes,
      part_count, session_date, notes, recipients, share_expiry_days, created_at, completed_at, expires_at, recording_key, chapter, chapter_count)
      values (${id}, ${TINA}, ${o.title}, ${`${o.title}.mp4`}, 1000, 'video/mp4', ${`videos/${id}/original.mp4`}, ${o.status}, 8388608, 1,
      ${o.date}, ${`notes for ${o.title}`}, ${JSON.stringify(o.recipients ?? [])}::jsonb, 10, ${ago(3)}::timestamptz,
      ${o.status === "uploading" ? null : ago(3)}::timestamptz, ${o.status === "uploading" ? null : ago(-27)}::timestamptz,
      ${o.rec ?? null}, ${o.chapter ?? 1}, ${o.count ?? 1})`);
  await video(ids.single, {
    status: "ready",
    title: "Brands Hatch",
    date: "2026-05-01",
    recipients: [{ email: "sam@example.com", name: "Sam" }],
  });
  await video(ids.ch1, {
    status: "ready",
    title: "Session 2 May — recording 1",
    date: "2026-05-02",
    rec: recordingKey,
    chapter: 1,
    count: 2,
  });
  await video(ids.ch2, {
    status: "ready",
    title: "Session 2 May — recording 1",
    date: "2026-05-02",
    rec: recordingKey,
    chapter: 2,
    count: 2,
  });
  await video(ids.running, {
    status: "uploading",
    title: "Still going",
    date: "2026-05-03",
    recipients: [
      { email: "sam@example.com", name: "Sam" },
      { email: "rita@example.com", name: null },
    ],
  });
  await video(ids.refused, { status: "failed", title: "Not a video", date: "2026-05-04" });
  await video(ids.deleted, { status: "deleted", title: "Gone", date: "2026-05-05" });
  const share = (id: string, videoId: string, email: string, token: { tokenHash: string }, revoked = false) =>
    t.db.execute(sql`insert into shares (id, video_id, recipient_email, recipient_name, token_hash, expires_at, revoked_at, created_at)
      values (${id}, ${videoId}, ${email}, null, ${token.tokenHash}, ${ago(-11)}::timestamptz, ${revoked ? ago(1) : null}::timestamptz, ${ago(3)}::timestamptz)`);
  await share("a0000000-0000-4000-8000-000000000001", ids.single, "sam@example.com", tokens.sam);
  await share("a0000000-0000-4000-8000-000000000002", ids.single, "alex@example.com", tokens.alex, true);
  await share("a0000000-0000-4000-8000-000000000003", ids.ch1, "sam@example.com", tokens.rec);
  await share("a0000000-0000-4000-8000-000000000004", ids.deleted, "sam@example.com", tokens.gone, true);
  for (const kind of ["view", "play", "download"])
    await t.db.execute(
      sql`insert into share_events (share_id, kind, at) values ('a0000000-0000-4000-8000-000000000001', ${kind}, ${ago(2)}::timestamptz)`,
    );
  // A sent email and one still held for the phone version (its link sealed with the app's secret).
  const { seal } = await import("@/lib/email/seal");
  const payload = (token: string) => ({
    studentName: null,
    trainerName: "Tina",
    trainerEmail: "tina@example.com",
    videoTitle: "Brands Hatch",
    sessionDate: "2026-05-01",
    notes: "",
    expiresAt: ago(-11),
    sealedUrl: seal(`http://localhost:3000/d/${token}`, "m".repeat(40)),
  });
  await t.db.execute(sql`insert into email_outbox (recipient, template, payload, status, share_id, sent_at)
    values ('sam@example.com', 'video-shared', ${JSON.stringify({ ...payload(tokens.sam.token), sealedUrl: undefined })}::jsonb, 'sent', 'a0000000-0000-4000-8000-000000000001', ${ago(3)}::timestamptz)`);
  await t.db.execute(sql`insert into email_outbox (recipient, template, payload, status, share_id, next_attempt_at)
    values ('sam@example.com', 'video-shared', ${JSON.stringify(payload(tokens.rec.token))}::jsonb, 'queued', 'a0000000-0000-4000-8000-000000000003', ${ago(0)}::timestamptz)`);
  await migrateRest(t);
});
afterAll(() => t?.close());

describe("migration 0004: every existing video becomes its own riding session", () => {
  it("one session per video (a recording: per its chapter 1), carrying its title, date, notes and link lifetime", async () => {
    const sessions = await t.db.select().from(ridingSessions).orderBy(ridingSessions.sessionDate);
    expect(sessions.map((s) => s.id)).toEqual([ids.single, ids.ch1, ids.running, ids.refused, ids.deleted]);
    expect(sessions[0]).toMatchObject({
      trainerId: TINA,
      title: "Brands Hatch",
      sessionDate: "2026-05-01",
      notes: "notes for Brands Hatch",
      shareExpiryDays: 10,
    });
    const rows = await t.db.select().from(videos);
    for (const v of rows) expect(v.sessionId, v.title).toBe(v.id === ids.ch2 ? ids.ch1 : v.id);
    // Already emailed video by video: marked as announced, so nobody hears about them again.
    expect(
      rows
        .filter((v) => v.announcedAt)
        .map((v) => v.id)
        .sort(),
    ).toEqual([ids.single, ids.ch1, ids.ch2, ids.refused, ids.deleted].sort());
  });

  it("existing links keep working and open the video's session; revoked ones stay revoked", async () => {
    const single = await sessionByToken(ctx, tokens.sam.token);
    expect(single?.session.id).toBe(ids.single);
    expect(single?.videos.map((v) => v.id)).toEqual([ids.single]);
    expect((await sessionByToken(ctx, tokens.rec.token))?.videos.map((v) => v.id)).toEqual([ids.ch1]); // the recording, once
    expect(await sessionByToken(ctx, tokens.alex.token)).toBeNull();
    expect(await sessionByToken(ctx, tokens.gone.token)).toBeNull();
    expect((await sessionsForStudent(ctx, "sam@example.com")).map((s) => s.session.id)).toEqual([ids.ch1, ids.single]);
    expect(await studentMaySeeVideo(ctx, { token: tokens.sam.token }, ids.single)).toMatchObject({ video: { id: ids.single } });
    expect(await studentMaySeeVideo(ctx, { token: tokens.sam.token }, ids.ch1)).toBeNull();
    expect(hashShareToken(tokens.sam.token)).toBe(tokens.sam.tokenHash);
  });

  it("events keep their video; the held email still goes, with its link", async () => {
    const events = await t.db.select().from(shareEvents);
    expect(events).toHaveLength(3);
    for (const e of events) expect(e.videoId).toBe(ids.single);
    expect(await drainOutbox(ctx, mailboxTransport(t.db))).toEqual({ sent: 1, retried: 0, failed: 0 });
    const [held] = await t.db.select().from(emailOutbox).where(eq(emailOutbox.shareId, "a0000000-0000-4000-8000-000000000003"));
    expect(held.status).toBe("sent");
  });

  it("an upload that was running keeps its students (not yet emailed); they get one email when it completes, the others none", async () => {
    const running = await t.db.select().from(shares).where(eq(shares.sessionId, ids.running));
    expect(running.map((s) => [s.recipientEmail, s.recipientName, s.emailedAt]).sort()).toEqual([
      ["rita@example.com", null, null],
      ["sam@example.com", "Sam", null],
    ]);
    expect(await announceSession(ctx, ids.single)).toEqual({ videos: 0, emails: 0 });
    await t.db
      .update(videos)
      .set({ status: "ready", completedAt: now, expiresAt: new Date(now.getTime() + 30 * 86_400_000) })
      .where(eq(videos.id, ids.running));
    expect(await announceSession(ctx, ids.running)).toEqual({ videos: 1, emails: 2 });
    const queued = await t.db.select().from(emailOutbox).where(eq(emailOutbox.status, "queued"));
    expect(queued.map((m) => m.recipient).sort()).toEqual(["rita@example.com", "sam@example.com"]);
    for (const m of queued)
      expect(m).toMatchObject({ template: "session-shared", payload: { videos: [{ id: ids.running, title: "Still going" }] } });
  });
});
