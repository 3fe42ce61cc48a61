// Riding sessions in the data layer: one upload action → one email per
// student listing its videos; videos added later → one "new videos" email;
// students added later → only they are emailed; editing; and another
// trainer's session is "not found" for every operation.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  auditLog,
  devMailbox,
  emailOutbox,
  emailSuppressions,
  mediaJobs,
  ridingSessions,
  rosterStudents,
  shares,
  users,
  videos,
  type User,
} from "@/db/schema";
import { handleSesEvent } from "@/lib/email/events";
import { drainOutbox } from "@/lib/email/outbox";
import { mailboxTransport } from "@/lib/email/transports";
import { progressOf, progressSlices, recordProgress } from "@/lib/shares/progress";
import { resolveConfig } from "@/lib/config";
import type { AppContext } from "@/lib/context";
import type { ApiError } from "@/lib/http";
import { releaseShareEmails } from "@/lib/media/jobs";
import {
  addStudents,
  announceQuietSessions,
  createSession,
  finishUpload,
  listSessions,
  openUpload,
  QUIET_MS,
  sendDailyDigests,
  sessionDetail,
  updateSession,
} from "@/lib/riding-sessions";
import { recordShareEvent, sessionByToken, studentMaySeeVideo } from "@/lib/shares/access";
import { unseal } from "@/lib/email/seal";
import { MiB } from "@/lib/uploads/rules";
import { abortUpload, completeUpload, createUpload, recordParts, signParts } from "@/lib/uploads/service";
import type { TestDatabase } from "../support/db";
import { startHarness } from "../support/harness";
import { mp4ShapedBytes } from "../support/media";
import { roundTrips } from "../support/round-trips";
import type { TestS3 } from "../support/s3";

const SECRET = "sessions-secret-".padEnd(40, "x");
let t: TestDatabase;
let s3: TestS3;
let ctx: AppContext;
let tina: User;
let otto: User;

beforeAll(async () => {
  const h = await startHarness({ s3: true, trainers: true });
  ({ s3, t, tina, otto } = h);
  const config = resolveConfig({
    APP_URL: "http://localhost:3000",
    AUTH_SECRET: SECRET,
    CRON_SECRET: "c".repeat(20),
    UPLOAD_MAX_BYTES: String(100 * MiB),
    UPLOAD_MIN_PART_BYTES: String(5 * MiB),
  });
  ctx = { db: t.db, storage: s3.storage, config, now: () => new Date() };
  return h.close;
});
beforeEach(async () => {
  await t.db.delete(emailOutbox);
  await t.db.delete(emailSuppressions);
  await t.db.delete(devMailbox);
  await t.db.delete(ridingSessions);
});

const SAM = { email: "sam@example.com", name: "Sam" };
const ALEX = { email: "alex@example.com", name: null };
const clock = (now: Date): AppContext => ({ ...ctx, now: () => now });
const answer = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: ApiError) => ({ status: e.status, message: e.message }),
  );
const mails = () => t.db.select().from(emailOutbox).orderBy(emailOutbox.createdAt);
const listed = (m: { payload: Record<string, unknown> }) => (m.payload.videos as { title: string }[]).map((v) => v.title);

/** One file into a session, as the upload page sends it (real presigned PUTs); the phone version is made at once. */
async function uploadInto(sessionId: string, title: string, opts: { complete?: boolean } = {}) {
  const up = await createUpload(ctx, tina, { fileName: `${title}.mp4`, size: 1000, contentType: "video/mp4", title, sessionId });
  const { parts } = await signParts(ctx, tina, up.videoId, { partNumbers: [1] });
  const res = await fetch(parts[0].url, { method: "PUT", body: mp4ShapedBytes(1000) });
  await recordParts(ctx, tina, up.videoId, { parts: [{ partNumber: 1, etag: res.headers.get("etag")!, size: 1000 }] });
  if (opts.complete === false) return up.videoId;
  await completeUpload(ctx, tina, up.videoId);
  await t.db.update(mediaJobs).set({ playableAt: ctx.now() }).where(eq(mediaJobs.videoId, up.videoId));
  await releaseShareEmails(t.db, up.videoId, ctx.now());
  return up.videoId;
}

const newSession = (students = [SAM, ALEX], extra: Record<string, unknown> = {}) =>
  createSession(
    ctx,
    tina,
    { title: "Cadwell", sessionDate: "2026-11-20", notes: "Look further ahead.", students, ...extra },
    { openUpload: true },
  );

describe("one upload action, one email per student", () => {
  it("a new session is one statement: the session, each student's share (no link yet), the students on the school's roster, the audit row", async () => {
    const address = `new.${randomUUID()}@example.com`;
    const students = [
      { email: address.toUpperCase(), name: "Nina", language: "nl" }, // stored lower-case
      { email: "sam@example.com", name: null },
    ];
    const made = await roundTrips(t.db, () =>
      createSession(ctx, tina, { sessionDate: "2026-06-02", notes: "Apex", students }, { openUpload: true }),
    );
    expect(made.statements).toBe(1);
    const session = made.result;
    expect(session).toMatchObject({ trainerId: tina.id, schoolId: tina.schoolId, sessionDate: "2026-06-02", notes: "Apex" });
    expect(session.uploadOpenedAt).toBeInstanceOf(Date);
    const rows = await t.db.select().from(shares).where(eq(shares.sessionId, session.id));
    expect(rows.map((r) => [r.recipientEmail, r.recipientName, r.language, r.emailedAt]).sort()).toEqual([
      [address, "Nina", "nl", null],
      ["sam@example.com", null, null, null],
    ]);
    expect(new Set(rows.map((r) => r.tokenHash)).size).toBe(2);
    const expected = session.createdAt.getTime() + 14 * 86_400_000; // the default link lifetime
    for (const r of rows) expect(r.expiresAt.getTime()).toBe(expected);
    const [onRoster] = await t.db.select().from(rosterStudents).where(eq(rosterStudents.email, address));
    expect(onRoster).toMatchObject({ schoolId: tina.schoolId, name: "Nina", language: "nl" });
    const [logged] = await t.db.select().from(auditLog).where(eq(auditLog.subjectId, session.id));
    expect(logged).toMatchObject({ action: "session.created", actorId: tina.id, schoolId: tina.schoolId, subjectType: "session" });
    expect(logged.details).toEqual({ students: [address, "sam@example.com"] });
  });

  it("three files → each student gets one email listing the three, in upload order, once the action ends", async () => {
    const session = await newSession();
    for (const title of ["Lap 1", "Lap 2", "Lap 3"]) await uploadInto(session.id, title);
    expect(await mails()).toEqual([]); // the action is still open: nobody is emailed per file
    expect(await finishUpload(ctx, tina, session.id)).toEqual({ videos: 3, emails: 2 });
    const sent = await mails();
    expect(sent.map((m) => m.recipient).sort()).toEqual([ALEX.email, SAM.email]);
    for (const m of sent) {
      expect(m).toMatchObject({
        template: "session-shared",
        payload: { kind: "session", sessionTitle: "Cadwell", notes: "Look further ahead." },
      });
      expect(listed(m)).toEqual(["Lap 1", "Lap 2", "Lap 3"]);
    }
    // Finishing again (a retried request, the sweep) sends nothing more.
    expect(await finishUpload(ctx, tina, session.id)).toEqual({ videos: 0, emails: 0 });
    expect(await announceQuietSessions(clock(new Date(Date.now() + 2 * QUIET_MS)))).toBe(0);
    expect(await mails()).toHaveLength(2);

    // The link opens the whole session, videos in order; a video of another session is not reachable through it.
    const token = new URL(unseal((sent[0].payload as { sealedUrl: string }).sealedUrl, SECRET)).pathname.split("/").pop()!;
    const found = await sessionByToken(ctx, token);
    expect(found?.videos.map((v) => v.title)).toEqual(["Lap 1", "Lap 2", "Lap 3"]);
    const other = await newSession([SAM]);
    const elsewhere = await uploadInto(other.id, "Elsewhere");
    expect(await studentMaySeeVideo(ctx, { token }, found!.videos[1].id)).toMatchObject({ video: { title: "Lap 2" } });
    expect(await studentMaySeeVideo(ctx, { token }, elsewhere)).toBeNull();
    expect(await studentMaySeeVideo(ctx, { email: SAM.email }, elsewhere)).toMatchObject({ video: { id: elsewhere } });
    expect(await studentMaySeeVideo(ctx, { email: ALEX.email }, elsewhere)).toBeNull();
  });

  it("a tab closed mid-action: the sweep sends the one email once the session has been quiet for 30 minutes", async () => {
    const session = await newSession([SAM]);
    await uploadInto(session.id, "Only one made it");
    expect(await announceQuietSessions(ctx)).toBe(0); // still within the action
    expect(await mails()).toEqual([]);
    expect(await announceQuietSessions(clock(new Date(Date.now() + QUIET_MS + 60_000)))).toBe(1);
    expect((await mails()).map(listed)).toEqual([["Only one made it"]]);
  });

  it("an unfinished upload of the action does not hold the email after the page says it is done, and a discarded one never did", async () => {
    const session = await newSession([SAM]);
    await uploadInto(session.id, "Done");
    const stuck = await uploadInto(session.id, "Stuck", { complete: false });
    await finishUpload(ctx, tina, session.id);
    expect((await mails()).map(listed)).toEqual([["Done"]]);
    await abortUpload(ctx, tina, stuck);
    expect(await mails()).toHaveLength(1);
  });

  it("videos added later → the session's students get one 'new videos' email listing only those", async () => {
    const session = await newSession();
    await uploadInto(session.id, "Morning");
    await finishUpload(ctx, tina, session.id);
    await openUpload(ctx, tina, session.id);
    await uploadInto(session.id, "Afternoon 1");
    await uploadInto(session.id, "Afternoon 2");
    await finishUpload(ctx, tina, session.id);
    const later = (await mails()).filter((m) => (m.payload as { kind: string }).kind === "new-videos");
    expect(later.map((m) => m.recipient).sort()).toEqual([ALEX.email, SAM.email]);
    for (const m of later) expect(listed(m)).toEqual(["Afternoon 1", "Afternoon 2"]);
    expect(await mails()).toHaveLength(4);
    // The same personal link as the first email: the student's old link opens the new videos too.
    const first = (await mails()).find((m) => m.recipient === SAM.email && (m.payload as { kind: string }).kind === "session")!;
    const next = later.find((m) => m.recipient === SAM.email)!;
    const url = (m: typeof first) => unseal((m.payload as { sealedUrl: string }).sealedUrl, SECRET);
    expect(url(next)).toBe(url(first));
    expect((await sessionByToken(ctx, url(first).split("/").pop()!))?.videos.map((v) => v.title)).toEqual([
      "Morning",
      "Afternoon 1",
      "Afternoon 2",
    ]);
  });
});

describe("editing a session after upload", () => {
  it("a student added later is the only one emailed (the whole session); one already there is left alone; a removed one comes back with a new link", async () => {
    const session = await newSession([SAM]);
    await uploadInto(session.id, "Lap 1");
    await uploadInto(session.id, "Lap 2");
    await finishUpload(ctx, tina, session.id);
    expect(await mails()).toHaveLength(1);
    const uploadsBefore = await t.db.select().from(videos);

    expect(await addStudents(ctx, tina, session.id, { students: [ALEX, SAM] })).toEqual({
      added: [ALEX.email],
      alreadyThere: [SAM.email],
      emailed: 1,
    });
    const sent = await mails();
    expect(sent).toHaveLength(2);
    expect(sent[1]).toMatchObject({ recipient: ALEX.email, payload: { kind: "session" } });
    expect(listed(sent[1])).toEqual(["Lap 1", "Lap 2"]);
    expect(await t.db.select().from(videos)).toEqual(uploadsBefore); // nothing uploaded or copied

    const [alex] = await t.db.select().from(shares).where(eq(shares.recipientEmail, ALEX.email));
    const oldLink = unseal((sent[1].payload as { sealedUrl: string }).sealedUrl, SECRET)
      .split("/")
      .pop()!;
    await t.db.update(shares).set({ revokedAt: new Date() }).where(eq(shares.id, alex.id)); // "Remove"
    expect(await sessionByToken(ctx, oldLink)).toBeNull();
    expect(await addStudents(ctx, tina, session.id, { students: [ALEX] })).toMatchObject({ added: [ALEX.email], emailed: 1 });
    const back = (await mails()).at(-1)!;
    const newLink = unseal((back.payload as { sealedUrl: string }).sealedUrl, SECRET)
      .split("/")
      .pop()!;
    expect(newLink).not.toBe(oldLink);
    expect(await sessionByToken(ctx, oldLink)).toBeNull();
    expect(await sessionByToken(ctx, newLink)).not.toBeNull();

    for (const bad of [{ students: [] }, { students: [{ email: "nope" }] }, {}])
      expect(await answer(addStudents(ctx, tina, session.id, bad))).toMatchObject({ status: 400 });
  });

  it("a student added while the upload runs is emailed with everyone when it ends", async () => {
    const session = await newSession([SAM]);
    await uploadInto(session.id, "Lap 1");
    expect(await addStudents(ctx, tina, session.id, { students: [ALEX] })).toMatchObject({ added: [ALEX.email], emailed: 0 });
    await finishUpload(ctx, tina, session.id);
    expect((await mails()).map((m) => m.recipient).sort()).toEqual([ALEX.email, SAM.email]);
  });

  it("title, notes and date can be edited; bad edits are refused with a sentence", async () => {
    const session = await newSession([SAM]);
    const edited = await updateSession(ctx, tina, session.id, { title: "Cadwell, evening", notes: "", sessionDate: "2026-11-21" });
    expect(edited).toMatchObject({ title: "Cadwell, evening", notes: "", sessionDate: "2026-11-21" });
    expect(await answer(updateSession(ctx, tina, session.id, {}))).toEqual({ status: 400, message: "Nothing to change." });
    expect(await answer(updateSession(ctx, tina, session.id, { title: "" }))).toMatchObject({ status: 400, message: /cannot be empty/ });
    expect(await answer(updateSession(ctx, tina, session.id, { sessionDate: "2026-02-30" }))).toMatchObject({ status: 400 });
  });
});

describe("authorization", () => {
  it("another trainer's session is 'not found' for every operation, the same answer as a random id, and nothing changes", async () => {
    const session = await newSession([SAM]);
    await uploadInto(session.id, "Mine");
    await finishUpload(ctx, tina, session.id);
    const before = JSON.stringify(await sessionDetail(ctx, tina.id, session.id));
    const ops: Record<string, (id: string) => Promise<unknown>> = {
      updateSession: (id) => updateSession(ctx, otto, id, { title: "Taken" }),
      addStudents: (id) => addStudents(ctx, otto, id, { students: [{ email: "spy@example.com" }] }),
      openUpload: (id) => openUpload(ctx, otto, id),
      finishUpload: (id) => finishUpload(ctx, otto, id),
      sessionDetail: (id) => sessionDetail(ctx, otto.id, id),
      uploadInto: (id) => createUpload(ctx, otto, { fileName: "x.mp4", size: 1000, contentType: "video/mp4", sessionId: id }),
    };
    for (const [name, op] of Object.entries(ops)) {
      expect(await answer(op(session.id)), name).toEqual({ status: 404, message: "No such session." });
      expect(await answer(op(randomUUID())), name).toEqual({ status: 404, message: "No such session." });
      // In a path it is just a missing session; in an upload's body, a malformed field (400).
      if (name !== "uploadInto") expect(await answer(op("not-a-uuid")), name).toEqual({ status: 404, message: "No such session." });
    }
    expect(JSON.stringify(await sessionDetail(ctx, tina.id, session.id))).toBe(before);
    expect((await listSessions(t.db, otto.id)).sessions).toEqual([]);
    expect(await mails()).toHaveLength(1);
  });
});

describe("the dashboard's list", () => {
  it("newest session first, searched by student, title and date range, in pages", async () => {
    for (let d = 1; d <= 25; d++)
      await createSession(ctx, tina, {
        title: d === 7 ? "Snetterton wet" : `Day ${d}`,
        sessionDate: `2026-10-${String(d).padStart(2, "0")}`,
        students: d % 5 === 0 ? [{ email: "rare.rider@example.com", name: "Rare Rider" }] : [SAM],
      });
    const first = await listSessions(t.db, tina.id, { perPage: 10 });
    expect(first).toMatchObject({ total: 25, page: 1, pages: 3 });
    expect(first.sessions.map((s) => s.session.sessionDate)[0]).toBe("2026-10-25");
    const third = await listSessions(t.db, tina.id, { perPage: 10, page: 3 });
    expect(third.sessions.map((s) => s.session.sessionDate)).toEqual([
      "2026-10-05",
      "2026-10-04",
      "2026-10-03",
      "2026-10-02",
      "2026-10-01",
    ]);
    expect((await listSessions(t.db, tina.id, { q: "rare rider" })).sessions.map((s) => s.session.title)).toEqual([
      "Day 25",
      "Day 20",
      "Day 15",
      "Day 10",
      "Day 5",
    ]);
    expect((await listSessions(t.db, tina.id, { q: "RARE.rider@" })).total).toBe(5);
    expect((await listSessions(t.db, tina.id, { q: "snetterton" })).sessions.map((s) => s.session.title)).toEqual(["Snetterton wet"]);
    expect((await listSessions(t.db, tina.id, { from: "2026-10-10", to: "2026-10-12" })).total).toBe(3);
    expect((await listSessions(t.db, tina.id, { q: "%" })).total).toBe(0); // a wildcard is a character, not "everything"
    expect((await listSessions(t.db, tina.id, { page: 99, perPage: 10 })).page).toBe(3);
  });
});

describe("progress beacons and trainer notifications", () => {
  it("% watched merges the slices played (any order, twice, never lower); 90% or more is finished", async () => {
    const session = await newSession([SAM]);
    const video = await uploadInto(session.id, "Lap 1");
    await finishUpload(ctx, tina, session.id);
    const [share] = await t.db.select().from(shares).where(eq(shares.sessionId, session.id));
    const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);
    expect(await recordProgress(ctx, share.id, video, range(0, 50))).toMatchObject({ percent: 50, finishedAt: null });
    expect(await recordProgress(ctx, share.id, video, range(0, 30))).toMatchObject({ percent: 50 });
    const done = await recordProgress(ctx, share.id, video, range(50, 95));
    expect(done.percent).toBe(95);
    expect(done.finishedAt).not.toBeNull();
    expect((await progressOf(t.db, [share.id])).get(`${share.id}:${video}`)).toMatchObject({ percent: 95 });
    expect(progressSlices.safeParse(range(0, 101)).success).toBe(false);
    expect(progressSlices.safeParse([100]).success).toBe(false);
    expect(progressSlices.safeParse([1.5]).success).toBe(false);
  });

  it("the daily digest: once a day per trainer, only with something to say, never to a trainer who opted out; bounces are in it", async () => {
    const session = await newSession([SAM, ALEX]);
    const video = await uploadInto(session.id, "Lap 1");
    await finishUpload(ctx, tina, session.id);
    await t.db.delete(emailOutbox);
    const [sam] = await t.db.select().from(shares).where(eq(shares.recipientEmail, SAM.email));
    const base = Date.now();
    await recordShareEvent(clock(new Date(base - 60_000)), sam.id, "view", video);
    await recordShareEvent(clock(new Date(base - 50_000)), sam.id, "download", video);
    const first = await handleSesEvent(clock(new Date(base - 40_000)), {
      eventType: "Bounce",
      bounce: { bounceType: "Permanent", bouncedRecipients: [{ emailAddress: ALEX.email }] },
    });
    // The bounce reached Tina at once, and only once even if SNS repeats it (the subscriber sends at once when trainersTold > 0).
    const repeat = await handleSesEvent(ctx, {
      eventType: "Bounce",
      bounce: { bounceType: "Permanent", bouncedRecipients: [{ emailAddress: ALEX.email }] },
    });
    expect([first, repeat]).toMatchObject([{ trainersTold: 1 }, { trainersTold: 0 }]);
    const notices = await mails();
    expect(notices).toMatchObject([
      { recipient: tina.email, template: "student-bounced", payload: { studentEmail: ALEX.email, sessions: ["Cadwell"] } },
    ]);
    await t.db.delete(emailOutbox);

    await t.db.update(users).set({ digestOptOut: true }).where(eq(users.id, otto.id));
    expect(await sendDailyDigests(ctx)).toBe(1); // Tina; Otto opted out (and had nothing)
    expect(await sendDailyDigests(ctx)).toBe(0); // the same day: nothing more
    const [digest] = await mails();
    expect(digest).toMatchObject({ recipient: tina.email, template: "trainer-digest" });
    expect(digest.payload).toMatchObject({
      activity: [{ student: `Sam (${SAM.email})`, session: "Cadwell", video: "Lap 1", did: ["opened", "downloaded"] }],
      bounced: [ALEX.email],
    });
    // It renders, with its link made at send time.
    expect(await drainOutbox(ctx, mailboxTransport(t.db))).toMatchObject({ sent: 1 });
    const [mail] = await t.db.select().from(devMailbox).where(eq(devMailbox.to, tina.email));
    expect(mail.text).toContain(`Sam (${SAM.email}) opened, downloaded: Cadwell — Lap 1`);
    expect(mail.text).toContain("http://localhost:3000/trainer");

    // The next day, nothing new happened: no email (the day is still claimed).
    expect(await sendDailyDigests(clock(new Date(base + 86_400_000)))).toBe(0);
    expect(await mails()).toHaveLength(1);
  });
});
