// Coaching on the video: notes and drawings (validation, owner scoping, who sees
// which), questions and answers, the emails they cause (debounced feedback, the
// trainer's digest) and GoPro HiLights read in the media probe — against a real
// database, s3rver and ffmpeg, through the real upload and media job.
import { readFileSync } from "node:fs";
import { eq, like } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { coachingNotes, coachingQuestions, devMailbox, emailOutbox, shares, videos, type User, type Video } from "@/db/schema";
import {
  answerQuestion,
  askQuestion,
  createNote,
  deleteNote,
  FEEDBACK_QUIET_MS,
  notesForStudent,
  QUESTION_DIGEST_MS,
  questionsForStudent,
  studentViewer,
  unansweredQuestions,
  updateNote,
  type StudentCredential,
  type StudentViewer,
} from "@/lib/coaching";
import { MAX_LINE_POINTS, MAX_SHAPES } from "@/lib/coaching/rules";
import { resolveConfig } from "@/lib/config";
import type { AppContext } from "@/lib/context";
import { drainOutbox } from "@/lib/email/outbox";
import { mailboxTransport } from "@/lib/email/transports";
import type { ApiError } from "@/lib/http";
import { parseHmmt, readHilights, runNextMediaJob } from "@/lib/media";
import { newShareToken } from "@/lib/shares/tokens";
import { completeUpload, createUpload, recordParts, signParts } from "@/lib/uploads/service";
import { videoObjectKeys } from "@/lib/videos";
import { startHarness } from "../support/harness";
import { makeClip } from "../support/media";
import { withHilights } from "../support/mp4-boxes";
import type { TestDatabase } from "../support/db";
import type { TestS3 } from "../support/s3";

const A = "anna@example.com";
const B = "ben@example.com";
const HILIGHTS_MS = [1500, 4000];
let t: TestDatabase;
let s3: TestS3;
let tina: User;
let otto: User;
let clock = Date.now();
let ctx: AppContext;
let tagged: Buffer; // a 6 s H.264 clip with two HiLights

beforeAll(async () => {
  const h = await startHarness({ s3: true, trainers: true });
  ({ t, s3, tina, otto } = h);
  const config = resolveConfig({
    APP_URL: "http://localhost:3000",
    AUTH_SECRET: "x".repeat(40),
    CRON_SECRET: "c".repeat(20),
    UPLOAD_MIN_PART_BYTES: String(5 * 1024 * 1024),
  });
  ctx = { db: t.db, storage: s3.storage, config, now: () => new Date(clock) };
  tagged = withHilights(readFileSync(makeClip("coaching-h264.mp4", { codec: "h264", width: 320, height: 180, seconds: 6 })), HILIGHTS_MS);
  return h.close;
}, 300_000); // PGlite's first open and ffmpeg, on a shared 2-core machine

let video: Video;
let tokenA: string;
let viewerA: StudentViewer;
let viewerB: StudentViewer;

/** Upload the tagged clip for A and B the way the browser does, run its media job, send the share emails. */
async function uploadForAandB(): Promise<Video> {
  const up = await createUpload(ctx, tina, {
    fileName: "GH010001.MP4",
    contentType: "video/mp4",
    size: tagged.length,
    sessionDate: "2026-11-20",
    title: "Track day",
    students: [{ email: A }, { email: B }],
  });
  const { parts } = await signParts(ctx, tina, up.videoId, { partNumbers: [1] });
  const res = await fetch(parts[0].url, { method: "PUT", body: new Uint8Array(tagged) });
  await recordParts(ctx, tina, up.videoId, { parts: [{ partNumber: 1, etag: res.headers.get("etag")!, size: tagged.length }] });
  await completeUpload(ctx, tina, up.videoId, { mediaEngine: "ffmpeg" });
  expect(await runNextMediaJob(ctx)).toMatchObject({ status: "ready" });
  await drainOutbox(ctx, mailboxTransport(t.db)); // the share emails, released by the 720p rendition
  return (await t.db.select().from(videos).where(eq(videos.id, up.videoId)))[0];
}

// One upload (the media job runs ffmpeg); each test starts from no notes, no questions, no coaching email.
beforeAll(async () => {
  video = await uploadForAandB();
  // A's link token is only in the email; mint a fresh one for the test (what "resend" does).
  const minted = newShareToken();
  tokenA = minted.token;
  await t.db.update(shares).set({ tokenHash: minted.tokenHash }).where(eq(shares.recipientEmail, A));
  viewerA = (await studentViewer(ctx, { token: tokenA, videoId: video.id }))!;
  const [shareB] = await t.db.select().from(shares).where(eq(shares.recipientEmail, B));
  viewerB = (await studentViewer(ctx, { shareId: shareB.id, signedInEmail: B, videoId: video.id }))!;
}, 300_000);

beforeEach(async () => {
  clock = Date.now();
  await t.db.delete(coachingNotes);
  await t.db.delete(coachingQuestions);
  await t.db.delete(emailOutbox).where(like(emailOutbox.template, "coaching-%"));
  await t.db.delete(devMailbox);
  await t.db.update(shares).set({ revokedAt: null }).where(eq(shares.sessionId, video.sessionId));
});

const status = (p: Promise<unknown>) =>
  p.then(
    () => 200,
    (e: ApiError) => e.status,
  );
/** [status, message] of a call: 200 and "" when it succeeds. */
const outcome = (p: Promise<unknown>) =>
  p.then(
    () => [200, ""],
    (e: ApiError) => [e.status, e.message],
  );
const message = (p: Promise<unknown>) =>
  p.then(
    () => "",
    (e: Error) => e.message,
  );
const arrow = { kind: "arrow", color: "red", from: [0.2, 0.3], to: [0.6, 0.5] };
const note = (extra: object = {}) => ({ atSeconds: 1, text: "Look through the exit", audience: "all", ...extra });
const mails = () => t.db.select().from(devMailbox).orderBy(devMailbox.receivedAt);

describe("GoPro HiLights", () => {
  it("the media probe reads moov/udta/HMMT and stores the marks (seconds) on the video", () => {
    expect(video.probe?.hilights).toEqual([1.5, 4]);
  });

  it("reads the same marks through a presigned URL with ranged GETs, and none from a clip without them", async () => {
    expect(await readHilights(await s3.storage.presignGet(video.objectKey, 60))).toEqual([1.5, 4]);
    expect(await readHilights(makeClip("coaching-untagged.mp4", { codec: "h264", width: 320, height: 180, seconds: 1 }))).toEqual([]);
  });

  it("a count larger than the box is bounded by the box's length", () => {
    const payload = Buffer.alloc(12);
    payload.writeUInt32BE(1_000_000, 0);
    payload.writeUInt32BE(2000, 4);
    payload.writeUInt32BE(500, 8);
    expect(parseHmmt(payload)).toEqual([0.5, 2]);
  });
});

describe("notes", () => {
  it("refuses drawings that are not known shapes in the frame, with a bounded number of points", async () => {
    const bad = [
      { shapes: [{ ...arrow, kind: "star" }] },
      { shapes: [{ ...arrow, to: [1.2, 0.5] }] },
      { shapes: [{ ...arrow, color: "magenta" }] },
      { shapes: [{ ...arrow, onclick: "alert(1)" }] },
      { shapes: [{ kind: "line", color: "red", points: Array.from({ length: MAX_LINE_POINTS + 1 }, (_, i) => [i / 1000, 0.5]) }] },
      { shapes: Array.from({ length: MAX_SHAPES + 1 }, () => arrow) },
      { shapes: [] },
    ];
    for (const drawing of bad) expect(await status(createNote(ctx, tina.id, video.id, note({ drawing })))).toBe(400);
    expect(await message(createNote(ctx, tina.id, video.id, note({ drawing: bad[1] })))).toMatch(/outside the frame/);
    expect(await t.db.select().from(coachingNotes)).toEqual([]);
  });

  it("refuses an empty note, a range that ends before it starts, a moment past the end, and a student not on the video", async () => {
    expect(await status(createNote(ctx, tina.id, video.id, note({ text: "   " })))).toBe(400);
    expect(await status(createNote(ctx, tina.id, video.id, note({ atSeconds: 3, endSeconds: 2 })))).toBe(400);
    expect(await message(createNote(ctx, tina.id, video.id, note({ atSeconds: 60 })))).toMatch(/past the end/);
    expect(await status(createNote(ctx, tina.id, video.id, note({ audience: "stranger@example.com" })))).toBe(422);
  });

  it("stores a drawing as sent and shows each student the notes for everyone plus their own", async () => {
    const n1 = await createNote(ctx, tina.id, video.id, note({ drawing: { shapes: [arrow] } }));
    await createNote(ctx, tina.id, video.id, note({ atSeconds: 3, text: "<b>not bold</b>", audience: B }));
    expect(n1.drawing).toEqual({ shapes: [arrow] });
    expect((await notesForStudent(t.db, viewerA)).map((n) => n.text)).toEqual(["Look through the exit"]);
    expect((await notesForStudent(t.db, viewerB)).map((n) => n.text)).toEqual(["Look through the exit", "<b>not bold</b>"]);
  });

  it("another trainer gets the missing-object answer for every note action; the owner edits and deletes", async () => {
    const n = await createNote(ctx, tina.id, video.id, note());
    const missing = crypto.randomUUID();
    // A refusal is the same status and message as for a video that does not exist.
    for (const [mine, theirs] of [
      [() => createNote(ctx, otto.id, video.id, note()), () => createNote(ctx, otto.id, missing, note())],
      [() => updateNote(ctx, otto.id, video.id, n.id, note()), () => updateNote(ctx, otto.id, missing, n.id, note())],
      [() => deleteNote(ctx, otto.id, video.id, n.id), () => deleteNote(ctx, otto.id, missing, n.id)],
    ])
      expect(await outcome(mine())).toEqual(await outcome(theirs()));
    expect(await status(updateNote(ctx, tina.id, video.id, missing, note()))).toBe(404);
    const edited = await updateNote(ctx, tina.id, video.id, n.id, note({ text: "Eyes up", endSeconds: 2.5 }));
    expect([edited.text, edited.endSeconds]).toEqual(["Eyes up", 2.5]);
    await deleteNote(ctx, tina.id, video.id, n.id);
    expect(await t.db.select().from(coachingNotes)).toEqual([]);
  });

  it("later notes give each affected student one batched email after a quiet spell", async () => {
    const min = 60_000;
    await createNote(ctx, tina.id, video.id, note());
    clock += 2 * min;
    await createNote(ctx, tina.id, video.id, note({ atSeconds: 2 }));
    await createNote(ctx, tina.id, video.id, note({ atSeconds: 3, audience: B }));
    clock += FEEDBACK_QUIET_MS - min; // 1 min of quiet short of the window
    await drainOutbox(ctx, mailboxTransport(t.db));
    expect(await mails()).toEqual([]);
    clock += 2 * min;
    await drainOutbox(ctx, mailboxTransport(t.db));
    const sent = await mails();
    expect(sent.map((m) => [m.to, m.subject]).sort()).toEqual([
      [A, "New feedback on your session: Track day"],
      [B, "New feedback on your session: Track day"],
    ]);
    expect(sent.find((m) => m.to === A)!.text).toContain("2 new notes");
    expect(sent.find((m) => m.to === B)!.text).toContain("3 new notes");
    expect(sent.find((m) => m.to === A)!.text).toContain(`/student/videos/${viewerA.shareId}`);
  });
});

describe("questions", () => {
  it("a student asks by link token or signed in; anyone else gets the same not-found", async () => {
    const q = await askQuestion(ctx, { token: tokenA, videoId: video.id }, { atSeconds: 5, text: "Why here?" });
    expect(q).toMatchObject({ studentEmail: A, atSeconds: 5, videoId: video.id });
    for (const cred of [
      { token: "A".repeat(43), videoId: video.id },
      { shareId: viewerA.shareId, signedInEmail: B, videoId: video.id }, // B with A's share
      { shareId: viewerA.shareId, signedInEmail: null, videoId: video.id },
    ] as StudentCredential[])
      expect([await status(askQuestion(ctx, cred, { atSeconds: 1, text: "x" }))]).toEqual([404]);
    await t.db
      .update(shares)
      .set({ revokedAt: new Date(clock) })
      .where(eq(shares.recipientEmail, A));
    expect(await status(askQuestion(ctx, { token: tokenA, videoId: video.id }, { atSeconds: 1, text: "x" }))).toBe(404);
  });

  it("a thread is the trainer's and its student's until the trainer makes it public; only the owner answers", async () => {
    const q = await askQuestion(ctx, { token: tokenA, videoId: video.id }, { atSeconds: 5, text: "Brake earlier?" });
    expect((await questionsForStudent(t.db, viewerA)).map((x) => x.text)).toEqual(["Brake earlier?"]);
    expect(await questionsForStudent(t.db, viewerB)).toEqual([]);
    expect((await unansweredQuestions(t.db, tina.id)).map((r) => r.question.id)).toEqual([q.id]);
    expect(await unansweredQuestions(t.db, otto.id)).toEqual([]);
    const missing = crypto.randomUUID();
    expect(await outcome(answerQuestion(ctx, otto.id, video.id, q.id, { answer: "x" }))).toEqual(
      await outcome(answerQuestion(ctx, otto.id, missing, q.id, { answer: "x" })),
    );
    expect(await status(answerQuestion(ctx, tina.id, video.id, q.id, {}))).toBe(400);
    await answerQuestion(ctx, tina.id, video.id, q.id, { answer: "Yes — at the cone.", public: true });
    expect(await unansweredQuestions(t.db, tina.id)).toEqual([]);
    expect((await questionsForStudent(t.db, viewerB)).map((x) => x.answer)).toEqual(["Yes — at the cone."]);
    await drainOutbox(ctx, mailboxTransport(t.db));
    const answer = (await mails()).find((m) => m.to === A && /answered your question/.test(m.subject))!;
    expect(answer.text).toContain("Brake earlier?");
    expect(answer.text).toContain("Yes — at the cone.");
  });

  it("the trainer's first question email goes at once; the next ones within the window arrive as one digest", async () => {
    await askQuestion(ctx, { token: tokenA, videoId: video.id }, { atSeconds: 1, text: "First" });
    await drainOutbox(ctx, mailboxTransport(t.db));
    expect((await mails()).map((m) => [m.to, m.subject])).toEqual([[tina.email, "A question from your student"]]);
    clock += 60_000;
    await askQuestion(ctx, { token: tokenA, videoId: video.id }, { atSeconds: 2, text: "Second" });
    await askQuestion(ctx, { shareId: viewerB.shareId, signedInEmail: B, videoId: video.id }, { atSeconds: 3, text: "Third" });
    await drainOutbox(ctx, mailboxTransport(t.db));
    expect(await mails()).toHaveLength(1);
    clock += QUESTION_DIGEST_MS;
    await drainOutbox(ctx, mailboxTransport(t.db));
    const digest = (await mails())[1];
    expect(digest.subject).toBe("2 questions from your students");
    expect(digest.text).toMatch(/Second[\s\S]*Third/);
    expect(digest.text).toContain(B);
  });
});

it("everything goes with its video, and the video's object keys are the same as without coaching", async () => {
  const keys = videoObjectKeys(video);
  await createNote(ctx, tina.id, video.id, note({ drawing: { shapes: [arrow] } }));
  await askQuestion(ctx, { token: tokenA, videoId: video.id }, { atSeconds: 1, text: "?" });
  expect(videoObjectKeys((await t.db.select().from(videos).where(eq(videos.id, video.id)))[0])).toEqual(keys);
  await t.db.delete(videos).where(eq(videos.id, video.id));
  expect(await t.db.select().from(coachingNotes)).toEqual([]);
  expect(await t.db.select().from(coachingQuestions)).toEqual([]);
});
