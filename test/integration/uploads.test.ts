import { createHash, randomBytes, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { auditLog, emailOutbox, mediaJobs, shares, uploadParts, users, videos, ridingSessions, type User } from "@/db/schema";
import { bumpSessionVersion } from "@/lib/auth/session-version";
import { resolveConfig } from "@/lib/config";
import type { AppContext } from "@/lib/context";
import { createSession } from "@/lib/riding-sessions";
import { DAY_MS as DAY } from "@/lib/time";
import { MiB, THUMBNAIL_MAX_BYTES } from "@/lib/uploads/rules";
import { abortUpload, completeUpload, createUpload, recordParts, signParts, signThumbnail, type UploadState } from "@/lib/uploads/service";
import { ownedVideo, uploadedBytes } from "@/lib/videos";
import type { TestDatabase } from "../support/db";
import { startHarness } from "../support/harness";
import { postPolicyViolations } from "../support/post-policy";
import { postToStorage, type TestS3 } from "../support/s3";
import { mp4ShapedBytes } from "../support/media";
import { roundTrips } from "../support/round-trips";

const PART = 5 * MiB;
let t: TestDatabase;
let s3: TestS3;
let ctx: AppContext;
let tina: User; // the trainer who owns the uploads
let otto: User; // another trainer

beforeAll(async () => {
  const h = await startHarness({ s3: true, trainers: true });
  ({ s3, t, tina, otto } = h);
  const config = resolveConfig({
    APP_URL: "http://localhost:3000",
    AUTH_SECRET: "x".repeat(40),
    CRON_SECRET: "c".repeat(20),
    UPLOAD_MAX_BYTES: String(100 * MiB),
    UPLOAD_MIN_PART_BYTES: String(PART),
    PART_URL_TTL_SECONDS: "900",
    RETENTION_DAYS: "30",
  });
  ctx = { db: t.db, storage: s3.storage, config, now: () => new Date() };
  return h.close;
});
beforeEach(async () => {
  await t.db.delete(emailOutbox);
  await t.db.delete(ridingSessions); // cascades to videos, shares, upload parts and media jobs
});
afterEach(() => {
  vi.restoreAllMocks();
});

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const STUDENTS = [
  { email: "sam@example.com", name: "Sam" },
  { email: "alex@example.com", name: null },
];

function uploadBody(overrides: Record<string, unknown> = {}) {
  return {
    fileName: "track-day.mp4",
    contentType: "video/mp4",
    size: 1000,
    sessionDate: "2026-05-31",
    notes: "Look further ahead in turn 3.",
    students: STUDENTS,
    shareExpiryDays: 7,
    ...overrides,
  };
}

const slice = (file: Buffer<ArrayBuffer>, up: Pick<UploadState, "partSize">, n: number) =>
  file.subarray((n - 1) * up.partSize, n * up.partSize);

/** Sign the given parts, PUT each slice straight to S3 like the browser does, and record those in `record` (one batch). */
async function sendParts(owner: User, up: UploadState, file: Buffer<ArrayBuffer>, numbers: number[], record = numbers) {
  const { parts } = await signParts(ctx, owner, up.videoId, { partNumbers: numbers });
  expect(parts.map((p) => p.partNumber)).toEqual(numbers);
  const stored = [];
  for (const { partNumber, url } of parts) {
    const bytes = slice(file, up, partNumber);
    const res = await fetch(url, { method: "PUT", body: bytes });
    expect(res.status).toBe(200);
    const etag = res.headers.get("etag");
    expect(etag).toBeTruthy();
    if (record.includes(partNumber)) stored.push({ partNumber, etag: etag!, size: bytes.length });
  }
  if (stored.length) expect(await recordParts(ctx, owner, up.videoId, { parts: stored })).toEqual({ recorded: stored.length });
}

async function uploadWhole(owner: User, size: number, overrides: Record<string, unknown> = {}) {
  const file = mp4ShapedBytes(size);
  const up = await createUpload(ctx, owner, uploadBody({ size, ...overrides }));
  await sendParts(
    owner,
    up,
    file,
    Array.from({ length: up.partCount }, (_, i) => i + 1),
  );
  return { file, up };
}

async function storedBytes(key: string) {
  const res = await fetch(await s3.storage.presignGet(key, 60));
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

const videoRows = () => t.db.select().from(videos);
const ledgerRows = (videoId: string) => t.db.select().from(uploadParts).where(eq(uploadParts.videoId, videoId));

describe("a complete upload", () => {
  it("stores the file byte-for-byte, marks the video ready and shares it with each student exactly once", async () => {
    const { file, up } = await uploadWhole(tina, 11 * MiB + 12_345);
    expect(up).toMatchObject({ partSize: PART, partCount: 3, status: "uploading", resumed: false, uploadedParts: [] });
    expect(await ledgerRows(up.videoId)).toHaveLength(3);

    const before = Date.now();
    const done = await completeUpload(ctx, tina, up.videoId);
    const after = Date.now();
    expect(done.alreadyComplete).toBe(false);
    expect(done.video.status).toBe("ready");
    expect(done.video.s3UploadId).toBeNull();
    expect(done.video.expiresAt!.getTime()).toBeGreaterThanOrEqual(before + 30 * DAY);
    expect(done.video.expiresAt!.getTime()).toBeLessThanOrEqual(after + 30 * DAY);
    expect((await ownedVideo(t.db, tina.id, up.videoId)).status).toBe("ready");

    expect(await s3.storage.headSize(done.video.objectKey)).toBe(file.length);
    expect(sha(await storedBytes(done.video.objectKey))).toBe(sha(file));

    const shareRows = await t.db.select().from(shares).where(eq(shares.sessionId, done.video.sessionId));
    expect(shareRows.map((s) => s.recipientEmail).sort()).toEqual(["alex@example.com", "sam@example.com"]);
    for (const s of shareRows) {
      expect(s.tokenHash).toMatch(/^[0-9a-f]{64}$/);
      expect(s.expiresAt.getTime()).toBeGreaterThanOrEqual(before + 7 * DAY);
      expect(s.expiresAt.getTime()).toBeLessThanOrEqual(after + 7 * DAY);
      expect(s.revokedAt).toBeNull();
    }
    expect(shareRows.find((s) => s.recipientEmail === "sam@example.com")!.recipientName).toBe("Sam");

    const outbox = await t.db.select().from(emailOutbox);
    expect(outbox).toHaveLength(2);
    for (const m of outbox) {
      expect(m.template).toBe("session-shared");
      expect(m.status).toBe("queued");
      const share = shareRows.find((s) => s.id === m.shareId);
      expect(share?.recipientEmail).toBe(m.recipient);
    }
    expect(new Set(outbox.map((m) => m.shareId)).size).toBe(2);

    expect(await ledgerRows(up.videoId)).toHaveLength(0);
  });

  it("completing twice is idempotent: the second call creates no extra shares or emails", async () => {
    const { up } = await uploadWhole(tina, 1000);
    expect(up.partCount).toBe(1);
    expect((await completeUpload(ctx, tina, up.videoId)).alreadyComplete).toBe(false);
    const again = await completeUpload(ctx, tina, up.videoId);
    expect(again.alreadyComplete).toBe(true);
    expect(again.video.status).toBe("ready");
    expect(await t.db.select().from(shares).where(eq(shares.sessionId, again.video.sessionId))).toHaveLength(2);
    expect(await t.db.select().from(emailOutbox)).toHaveLength(2);
    // And a finished upload takes no more parts.
    await expect(signParts(ctx, tina, up.videoId, { partNumbers: [1] })).rejects.toMatchObject({
      status: 409,
      message: /already complete/,
    });
  });

  it("resumes the same file by fingerprint, listing only the parts actually recorded", async () => {
    const size = 2 * PART + 777;
    const fingerprint = `track-day.mp4|${size}|1700000000000|abc123`;
    const file = mp4ShapedBytes(size);
    const first = await createUpload(ctx, tina, uploadBody({ size, fingerprint }));
    expect(first.partCount).toBe(3);
    // Parts 1 and 2 were signed and sent, but only part 1 was reported before the tab closed.
    await sendParts(tina, first, file, [1, 2], [1]);

    const again = await createUpload(ctx, tina, uploadBody({ size, fingerprint }));
    expect(again).toMatchObject({ videoId: first.videoId, resumed: true, status: "uploading", partCount: 3, partSize: PART });
    expect(again.uploadedParts).toEqual([{ partNumber: 1, size: PART, etag: expect.any(String) }]);
    expect(await videoRows()).toHaveLength(1);

    await sendParts(tina, again, file, [2, 3]);
    const done = await completeUpload(ctx, tina, again.videoId);
    expect(done.video.status).toBe("ready");
    expect(sha(await storedBytes(done.video.objectKey))).toBe(sha(file));

    // A finished video is not resumed: the same file again is a new upload.
    const fresh = await createUpload(ctx, tina, uploadBody({ size, fingerprint }));
    expect(fresh.resumed).toBe(false);
    expect(fresh.videoId).not.toBe(first.videoId);
  });
});

describe("refused input", () => {
  it.each([
    ["a non-video file", { fileName: "notes.pdf", contentType: "application/pdf" }, /notes\.pdf is not an accepted video type/],
    ["an empty file", { size: 0 }, /empty \(0 bytes\)/],
    ["a file over the size limit", { size: 100 * MiB + 1 }, /larger than the 105 MB limit/],
    ["no students", { students: [] }, /at least one student/],
    ["a malformed student email", { students: [{ email: "sam@", name: "Sam" }] }, /valid email/],
    [
      "the same student twice",
      { students: [{ email: "Sam@Example.com" }, { email: "sam@example.com" }] },
      /sam@example\.com is listed twice/,
    ],
  ])("refuses %s with a 400 and leaves no video or S3 upload behind", async (_what, overrides, message) => {
    const initiate = vi.spyOn(s3.storage, "createMultipart");
    await expect(createUpload(ctx, tina, uploadBody(overrides))).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(message),
    });
    expect(initiate).not.toHaveBeenCalled();
    expect(await videoRows()).toHaveLength(0);
  });

  it("refuses part numbers outside 1…partCount without adding them to the ledger", async () => {
    const up = await createUpload(ctx, tina, uploadBody({ size: 2 * PART + 1 }));
    expect(up.partCount).toBe(3);
    await expect(signParts(ctx, tina, up.videoId, { partNumbers: [0] })).rejects.toMatchObject({ status: 400, message: /start at 1/ });
    await expect(signParts(ctx, tina, up.videoId, { partNumbers: [1, 4] })).rejects.toMatchObject({
      status: 400,
      message: /Part 4 is out of range: this upload has parts 1–3/,
    });
    expect(await ledgerRows(up.videoId)).toHaveLength(0);
    await expect(recordParts(ctx, tina, up.videoId, { parts: [{ partNumber: 4, etag: '"x"', size: 1 }] })).rejects.toMatchObject({
      status: 400,
      message: /Part 4 is out of range/,
    });
  });

  it("refuses to record a part that was never signed (409) or has the wrong size (400)", async () => {
    const up = await createUpload(ctx, tina, uploadBody({ size: 2 * PART + 1 }));
    const record = (partNumber: number, size: number) =>
      recordParts(ctx, tina, up.videoId, { parts: [{ partNumber, etag: '"abc"', size }] });
    await expect(record(2, PART)).rejects.toMatchObject({
      status: 409,
      message: /Part 2 was never signed/,
    });
    await signParts(ctx, tina, up.videoId, { partNumbers: [1, 3] });
    await expect(record(1, 123)).rejects.toMatchObject({
      status: 400,
      message: `Part 1 should be ${PART} bytes, not 123.`,
    });
    await expect(record(3, PART)).rejects.toMatchObject({ status: 400, message: /should be 1 bytes/ });
    expect((await ledgerRows(up.videoId)).every((p) => p.etag === null)).toBe(true);
  });

  it("a failed completion leaves the upload resumable", async () => {
    const size = 2 * PART + 99;
    const file = mp4ShapedBytes(size);
    const up = await createUpload(ctx, tina, uploadBody({ size }));
    await sendParts(tina, up, file, [1]);
    await expect(completeUpload(ctx, tina, up.videoId)).rejects.toMatchObject({
      status: 409,
      message: /2 of 3 parts are not uploaded yet \(2, 3\)/,
    });
    expect((await ownedVideo(t.db, tina.id, up.videoId)).status).toBe("uploading");
    // The students are on the session, but nobody is emailed (nor holds a working link) before the video is there.
    expect((await t.db.select().from(shares)).map((s) => s.emailedAt)).toEqual([null, null]);
    expect(await t.db.select().from(emailOutbox)).toHaveLength(0);

    await sendParts(tina, up, file, [2, 3]);
    const done = await completeUpload(ctx, tina, up.videoId);
    expect(done.video.status).toBe("ready");
    expect(sha(await storedBytes(done.video.objectKey))).toBe(sha(file));
  });

  it("reads the assembled object's size and first bytes in one ranged GET, and fails an upload whose stored size is wrong", async () => {
    const size = 2 * PART + 99;
    const file = mp4ShapedBytes(size);
    const up = await createUpload(ctx, tina, uploadBody({ size }));
    await sendParts(tina, up, file, [1, 2, 3]);
    const read = vi.spyOn(s3.storage, "readHeadAndSize");
    const real = s3.storage.readHeadAndSize.bind(s3.storage);
    read.mockImplementationOnce(async (key, n) => ({ ...(await real(key, n)), size: size - 1 })); // what a lost part would leave
    await expect(completeUpload(ctx, tina, up.videoId)).rejects.toMatchObject({ status: 409, message: /were expected/ });
    expect((await ownedVideo(t.db, tina.id, up.videoId)).status).toBe("failed");
    expect(await t.db.select().from(emailOutbox)).toHaveLength(0);

    const again = await createUpload(ctx, tina, uploadBody({ size, fileName: "again.mp4" }));
    await sendParts(tina, again, file, [1, 2, 3]);
    read.mockClear();
    const headRequests = vi.spyOn(s3.storage, "headSize");
    expect((await completeUpload(ctx, tina, again.videoId)).video.status).toBe("ready");
    expect(read).toHaveBeenCalledTimes(1);
    expect(await read.mock.results[0].value).toMatchObject({ size });
    expect(headRequests).not.toHaveBeenCalled();
  });

  it("refuses to abort another trainer's upload (404) and leaves it intact", async () => {
    const up = await createUpload(ctx, tina, uploadBody());
    await expect(abortUpload(ctx, otto, up.videoId)).rejects.toMatchObject({ status: 404, message: "No such upload." });
    expect((await ownedVideo(t.db, tina.id, up.videoId)).status).toBe("uploading");
  });
});

describe("ownership", () => {
  it("answers another trainer's video exactly like a missing or malformed id", async () => {
    const up = await createUpload(ctx, tina, uploadBody());
    await signParts(ctx, tina, up.videoId, { partNumbers: [1] });
    const ops = {
      signParts: (id: string) => signParts(ctx, otto, id, { partNumbers: [1] }),
      recordParts: (id: string) => recordParts(ctx, otto, id, { parts: [{ partNumber: 1, etag: '"abc"', size: 1000 }] }),
      completeUpload: (id: string) => completeUpload(ctx, otto, id),
      abortUpload: (id: string) => abortUpload(ctx, otto, id),
      signThumbnail: (id: string) => signThumbnail(ctx, otto, id, { durationSeconds: 12 }),
      ownedVideo: (id: string) => ownedVideo(t.db, otto.id, id),
    };
    for (const [name, op] of Object.entries(ops)) {
      const answers = [];
      for (const id of [up.videoId, randomUUID(), "not-a-uuid"]) {
        const err = await op(id).then(
          () => null,
          (e: { status: number; message: string }) => e,
        );
        answers.push({ status: err?.status, message: err?.message });
      }
      expect(answers, name).toEqual(Array(3).fill({ status: 404, message: "No such upload." }));
    }
    // Nothing the other trainer did touched Tina's upload.
    const video = await ownedVideo(t.db, tina.id, up.videoId);
    expect(video).toMatchObject({ status: "uploading", thumbnailKey: null, durationSeconds: null });
    expect((await ledgerRows(up.videoId)).map((p) => [p.partNumber, p.etag])).toEqual([[1, null]]);
  });
});

describe("abort", () => {
  it("removes the video, its ledger rows and its thumbnail", async () => {
    const size = PART + 10;
    const file = mp4ShapedBytes(size);
    const up = await createUpload(ctx, tina, uploadBody({ size }));
    await sendParts(tina, up, file, [1]);
    const { upload } = await signThumbnail(ctx, tina, up.videoId, { durationSeconds: null });
    expect((await postToStorage(upload, randomBytes(500))).status).toBe(204);
    const thumbKey = `thumbnails/${up.videoId}.jpg`;
    expect(await s3.storage.headSize(thumbKey)).toBe(500);

    expect(await abortUpload(ctx, tina, up.videoId)).toEqual({ aborted: true });
    await expect(ownedVideo(t.db, tina.id, up.videoId)).rejects.toMatchObject({ status: 404, message: "No such upload." });
    expect(await videoRows()).toHaveLength(0);
    expect(await ledgerRows(up.videoId)).toHaveLength(0);
    expect(await s3.storage.headSize(thumbKey)).toBeNull();
    await expect(completeUpload(ctx, tina, up.videoId)).rejects.toMatchObject({ status: 404 });
    await expect(abortUpload(ctx, tina, up.videoId)).rejects.toMatchObject({ status: 404 });
  });

  it("an abort racing a completion never deletes a video whose students were already emailed", async () => {
    const { up } = await uploadWhole(tina, 1000);
    const realAbort = s3.storage.abortMultipart.bind(s3.storage);
    // The complete request lands while the abort request is talking to S3.
    vi.spyOn(s3.storage, "abortMultipart").mockImplementation(async (key, uploadId) => {
      // (the racing completion finds the upload gone: its own 404 is not the abort's outcome)
      await completeUpload(ctx, tina, up.videoId).catch(() => {});
      return realAbort(key, uploadId);
    });
    const outcome = await abortUpload(ctx, tina, up.videoId).then(
      () => "aborted",
      (e: { status: number }) => e.status,
    );
    const left = { videos: (await videoRows()).length, emails: (await t.db.select().from(emailOutbox)).length };
    // Either the abort wins (nothing left, nobody emailed) or the completion does (409, video kept).
    expect({ outcome, ...left }).toEqual(
      outcome === "aborted" ? { outcome, videos: 0, emails: 0 } : { outcome: 409, videos: 1, emails: 2 },
    );
  });

  it("refuses to abort a finished upload", async () => {
    const { up } = await uploadWhole(tina, 1000);
    await completeUpload(ctx, tina, up.videoId);
    await expect(abortUpload(ctx, tina, up.videoId)).rejects.toMatchObject({ status: 409, message: /finished/ });
    expect((await ownedVideo(t.db, tina.id, up.videoId)).status).toBe("ready");
  });
});

describe("thumbnail", () => {
  const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(2000), Buffer.from([0xff, 0xd9])]);
  const rules = () => ({ bucket: "apex-test", secretAccessKey: "S3RVER" });

  it("signs a POST that stores the JPEG and records its key and the duration", async () => {
    const up = await createUpload(ctx, tina, uploadBody());
    const { upload } = await signThumbnail(ctx, tina, up.videoId, { durationSeconds: 93.5 });
    const res = await postToStorage(upload, jpeg);
    expect(res.status).toBe(204);
    const key = `thumbnails/${up.videoId}.jpg`;
    expect(sha(await storedBytes(key))).toBe(sha(jpeg));
    expect(await ownedVideo(t.db, tina.id, up.videoId)).toMatchObject({ thumbnailKey: key, durationSeconds: 93.5 });
    // What the real form sends is what S3 would accept.
    expect(postPolicyViolations(upload.fields, { size: jpeg.length }, rules())).toEqual([]);

    // A later thumbnail with an unknown (null) duration keeps the one already known; an empty body is refused.
    await signThumbnail(ctx, tina, up.videoId, { durationSeconds: null });
    await expect(signThumbnail(ctx, tina, up.videoId, {})).rejects.toMatchObject({ status: 400 });
    expect((await ownedVideo(t.db, tina.id, up.videoId)).durationSeconds).toBe(93.5);
  });

  // s3rver stores POST uploads without reading the policy (STACK.md), so what S3 refuses is checked
  // against the signed policy with S3's documented rules (test/support/post-policy.ts).
  it("binds the key, Content-Type image/jpeg and 1 B…256 KiB into the signed policy: text/html, big or renamed uploads are refused", async () => {
    const up = await createUpload(ctx, tina, uploadBody());
    const { upload } = await signThumbnail(ctx, tina, up.videoId, { durationSeconds: 3 });
    const policy = JSON.parse(Buffer.from(upload.fields.Policy, "base64").toString("utf8"));
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ["content-length-range", 1, THUMBNAIL_MAX_BYTES],
        ["eq", "$Content-Type", "image/jpeg"],
        { key: `thumbnails/${up.videoId}.jpg` },
        { bucket: "apex-test" },
      ]),
    );
    const minutesLeft = (Date.parse(policy.expiration) - Date.now()) / 60_000;
    expect(minutesLeft).toBeGreaterThan(4);
    expect(minutesLeft).toBeLessThanOrEqual(5);

    const refused = (fields: Record<string, string>, size: number) => postPolicyViolations(fields, { size }, rules());
    expect(refused({ ...upload.fields, "Content-Type": "text/html" }, 300)).toEqual(
      expect.arrayContaining(["content-type must equal image/jpeg"]),
    );
    expect(refused(upload.fields, THUMBNAIL_MAX_BYTES + 1)).toEqual([
      `file size ${THUMBNAIL_MAX_BYTES + 1} outside 1–${THUMBNAIL_MAX_BYTES}`,
    ]);
    expect(refused(upload.fields, 0)).toHaveLength(1);
    expect(refused({ ...upload.fields, key: "videos/someone-else/original.mp4" }, 300)).toEqual([
      `key must be thumbnails/${up.videoId}.jpg`,
    ]);
    // Editing the policy itself breaks its signature.
    const widened = { ...policy, conditions: [["content-length-range", 1, 10 ** 9]] };
    expect(refused({ ...upload.fields, Policy: Buffer.from(JSON.stringify(widened)).toString("base64") }, 300)).toContain(
      "signature does not match the policy",
    );
    expect(postPolicyViolations(upload.fields, { size: 300 }, { ...rules(), now: new Date(Date.now() + 6 * 60_000) })).toEqual([
      "policy expired",
    ]);
  });
});

describe("uploadedBytes", () => {
  it("counts only parts that were recorded, not merely signed", async () => {
    const size = 2 * PART + 4321;
    const file = mp4ShapedBytes(size);
    const a = await createUpload(ctx, tina, uploadBody({ size }));
    const b = await createUpload(ctx, tina, uploadBody({ size: 1000 }));
    await sendParts(tina, a, file, [1, 2, 3], [1, 3]);
    await signParts(ctx, tina, b.videoId, { partNumbers: [1] });

    const bytes = await uploadedBytes(t.db, [a.videoId, b.videoId]);
    expect(bytes.get(a.videoId)).toBe(PART + 4321);
    expect(bytes.get(b.videoId) ?? 0).toBe(0);
    expect((await uploadedBytes(t.db, [])).size).toBe(0);
  });
});

describe("batched part records (what the browser sends)", () => {
  it("records many stored parts in one request, and the upload completes from them", async () => {
    const size = 2 * PART + 77;
    const file = mp4ShapedBytes(size);
    const up = await createUpload(ctx, tina, uploadBody({ size }));
    const { parts } = await signParts(ctx, tina, up.videoId, { partNumbers: [1, 2, 3] });
    const stored = [];
    for (const { partNumber, url } of parts) {
      const res = await fetch(url, { method: "PUT", body: slice(file, up, partNumber) });
      stored.push({ partNumber, etag: res.headers.get("etag")!, size: slice(file, up, partNumber).length });
    }
    expect(await recordParts(ctx, tina, up.videoId, { parts: stored })).toEqual({ recorded: 3 });
    expect((await completeUpload(ctx, tina, up.videoId)).video.status).toBe("ready");
  });

  it("refuses the whole batch when one part was never signed or has the wrong size, recording none of it", async () => {
    const up = await createUpload(ctx, tina, uploadBody({ size: 2 * PART + 5 }));
    await signParts(ctx, tina, up.videoId, { partNumbers: [1] });
    await expect(
      recordParts(ctx, tina, up.videoId, {
        parts: [
          { partNumber: 1, etag: '"a"', size: PART },
          { partNumber: 2, etag: '"b"', size: PART },
        ],
      }),
    ).rejects.toMatchObject({ status: 409, message: "Part 2 was never signed for this upload." });
    await expect(recordParts(ctx, tina, up.videoId, { parts: [{ partNumber: 1, etag: '"a"', size: 3 }] })).rejects.toMatchObject({
      status: 400,
    });
    expect(await uploadedBytes(t.db, [up.videoId])).toEqual(new Map());
    await expect(recordParts(ctx, tina, up.videoId, { parts: [] })).rejects.toMatchObject({ status: 400 });
  });

  it("gives another trainer the same 404 as a missing upload", async () => {
    const up = await createUpload(ctx, tina, uploadBody());
    const body = { parts: [{ partNumber: 1, etag: '"a"', size: 1 }] };
    const theirs = await recordParts(ctx, otto, up.videoId, body).catch((e) => e);
    const missing = await recordParts(ctx, otto, randomUUID(), body).catch((e) => e);
    expect([theirs.status, theirs.message]).toEqual([404, "No such upload."]);
    expect([missing.status, missing.message]).toEqual([404, "No such upload."]);
  });
});

describe("database round trips on the parts path (each one is a network hop to Aurora)", () => {
  it("signing a batch of parts is one statement; recording a batch is two (the upload, then the whole batch)", async () => {
    const file = randomBytes(3 * PART);
    const up = await createUpload(ctx, tina, uploadBody({ size: file.length }));
    const signed = await roundTrips(t.db, () => signParts(ctx, tina, up.videoId, { partNumbers: [1, 2, 3] }));
    expect(signed.statements).toBe(1);
    const stored: { partNumber: number; etag: string; size: number }[] = [];
    for (const { partNumber, url } of signed.result.parts) {
      const res = await fetch(url, { method: "PUT", body: slice(file, up, partNumber) });
      stored.push({ partNumber, etag: res.headers.get("etag")!, size: PART });
    }
    const recorded = await roundTrips(t.db, () => recordParts(ctx, tina, up.videoId, { parts: stored }));
    expect(recorded).toEqual({ result: { recorded: 3 }, statements: 2 }); // was the lookup + BEGIN + one update per part + COMMIT
    expect((await uploadedBytes(t.db, [up.videoId])).get(up.videoId)).toBe(3 * PART);
  });

  it("an upload into the trainer's open session: creating it is 3 statements, completing it 2, with its audit rows, media job and cleared ledger", async () => {
    const session = await createSession(ctx, tina, { sessionDate: "2026-05-31", students: STUDENTS }, { openUpload: true });
    const file = mp4ShapedBytes(2 * PART);
    const body = uploadBody({ size: file.length, sessionId: session.id, fingerprint: `fp-${randomUUID()}` });
    const created = await roundTrips(t.db, () => createUpload(ctx, tina, body));
    expect(created.statements).toBe(3); // the resume check, the hourly quota, the video with its audit row (was 8)
    const up = created.result;
    await sendParts(tina, up, file, [1, 2]);
    const [account] = await t.db.select().from(users).where(eq(users.id, tina.id));
    const asClaimed = { id: tina.id, sessionVersion: account.sessionVersion };
    const completed = await roundTrips(t.db, () => completeUpload(ctx, asClaimed, up.videoId));
    expect(completed.statements).toBe(2); // the upload with its ledger, then the completion (was 12, with the account check)
    const now = Date.now();
    const [row] = await t.db.select().from(videos).where(eq(videos.id, up.videoId));
    expect(row).toMatchObject({ status: "ready", s3UploadId: null, sessionId: session.id, position: 0, announcedAt: null });
    expect(Math.abs(row.expiresAt!.getTime() - (row.completedAt!.getTime() + 30 * DAY))).toBeLessThan(1000); // RETENTION_DAYS=30
    expect(Math.abs(row.completedAt!.getTime() - now)).toBeLessThan(10_000);
    expect(completed.result.video).toMatchObject({ id: up.videoId, status: "ready", expiresAt: row.expiresAt });
    expect(await ledgerRows(up.videoId)).toEqual([]);
    expect(await t.db.select({ status: mediaJobs.status }).from(mediaJobs).where(eq(mediaJobs.videoId, up.videoId))).toEqual([
      { status: "queued" },
    ]);
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.subjectId, up.videoId));
    expect(audits.map((a) => [a.action, a.actorId, a.schoolId]).sort()).toEqual([
      ["upload.completed", tina.id, tina.schoolId],
      ["upload.created", tina.id, tina.schoolId],
    ]);
    expect(audits.find((a) => a.action === "upload.created")!.details).toEqual({ fileName: "track-day.mp4", size: file.length });
    // The upload action is still open: nobody is emailed until the page says it is done.
    expect(await t.db.select().from(emailOutbox)).toEqual([]);
    // The next upload goes after it in the session.
    const second = await createUpload(ctx, tina, uploadBody({ size: 1000, sessionId: session.id, fileName: "second.mp4" }));
    const [next] = await t.db.select({ position: videos.position }).from(videos).where(eq(videos.id, second.videoId));
    expect(next.position).toBe(1);
  });

  it("an upload into another trainer's session, or a missing one, is a 404 that leaves no video, no audit row and no multipart upload", async () => {
    const theirs = await createSession(ctx, otto, { sessionDate: "2026-05-31", students: STUDENTS }, { openUpload: true });
    const aborted = vi.spyOn(s3.storage, "abortMultipart");
    const createdAudits = () => t.db.select().from(auditLog).where(eq(auditLog.action, "upload.created"));
    const auditsBefore = (await createdAudits()).length;
    for (const sessionId of [theirs.id, randomUUID()]) {
      await expect(createUpload(ctx, tina, uploadBody({ sessionId }))).rejects.toMatchObject({ status: 404, message: "No such session." });
    }
    expect(aborted).toHaveBeenCalledTimes(2);
    expect(await videoRows()).toEqual([]);
    expect(await createdAudits()).toHaveLength(auditsBefore);
  });

  it("completing checks the trainer's session in its first statement: a revoked session completes nothing", async () => {
    const { up } = await uploadWhole(tina, 2 * PART);
    const [account] = await t.db.select().from(users).where(eq(users.id, tina.id));
    await bumpSessionVersion(t.db, tina.id); // "sign out everywhere"
    await expect(completeUpload(ctx, { id: tina.id, sessionVersion: account.sessionVersion }, up.videoId)).rejects.toMatchObject({
      status: 404,
    });
    const [row] = await t.db.select().from(videos).where(eq(videos.id, up.videoId));
    expect(row.status).toBe("uploading");
    expect(await ledgerRows(up.videoId)).toHaveLength(2);
    const done = await completeUpload(ctx, { id: tina.id, sessionVersion: account.sessionVersion + 1 }, up.videoId);
    expect(done.video.status).toBe("ready");
  });

  it("signing and recording check the trainer's session in their own statement: a revoked or deactivated session signs and records nothing", async () => {
    const file = randomBytes(2 * PART);
    const up = await createUpload(ctx, tina, uploadBody({ size: file.length }));
    const [account] = await t.db.select().from(users).where(eq(users.id, tina.id));
    const asClaimed = { id: tina.id, sessionVersion: account.sessionVersion };
    const { parts } = await signParts(ctx, asClaimed, up.videoId, { partNumbers: [1] });
    const res = await fetch(parts[0].url, { method: "PUT", body: slice(file, up, 1) });
    const stored = [{ partNumber: 1, etag: res.headers.get("etag")!, size: PART }];
    const ledgerRows = () => t.db.select().from(uploadParts).where(eq(uploadParts.videoId, up.videoId));

    await bumpSessionVersion(t.db, tina.id); // "sign out everywhere", a password change
    await expect(signParts(ctx, asClaimed, up.videoId, { partNumbers: [2] })).rejects.toMatchObject({ status: 404 });
    await expect(recordParts(ctx, asClaimed, up.videoId, { parts: stored })).rejects.toMatchObject({ status: 404 });
    expect((await ledgerRows()).map((r) => [r.partNumber, r.etag])).toEqual([[1, null]]); // part 2 never signed, part 1 never recorded

    const renewed = { id: tina.id, sessionVersion: account.sessionVersion + 1 };
    expect(await recordParts(ctx, renewed, up.videoId, { parts: stored })).toEqual({ recorded: 1 });
    await t.db.update(users).set({ deactivatedAt: new Date() }).where(eq(users.id, tina.id));
    try {
      await expect(signParts(ctx, renewed, up.videoId, { partNumbers: [2] })).rejects.toMatchObject({ status: 404 });
      expect(await ledgerRows()).toHaveLength(1);
    } finally {
      await t.db.update(users).set({ deactivatedAt: null }).where(eq(users.id, tina.id));
    }
  });
});
