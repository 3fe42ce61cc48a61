// The media job end to end on real parts: ffprobe/ffmpeg, s3rver, the database.
import { readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { emailOutbox, mediaJobs, shares, videos, ridingSessions, type User } from "@/db/schema";
import { createTrainer } from "@/lib/auth/trainers";
import type { Config } from "@/lib/config";
import type { AppContext } from "@/lib/context";
import {
  claimMediaJob,
  MEDIA_LEASE_MS,
  MEDIA_MAX_ATTEMPTS,
  mediaBackoffMs,
  mediaObjectKeys,
  NotAVideoError,
  probeMedia,
  renditionsFor,
  retryMediaJob,
  runMediaJob,
  runNextMediaJob,
  sniffContainer,
} from "@/lib/media";
import { chapterOriginal } from "@/lib/media/chapters";
import { parseProbe } from "@/lib/media/probe";
import { groupRecordings, recordingTitle } from "@/lib/uploads/rules";
import { deleteVideo } from "@/lib/videos/delete";
import { completeUpload, createUpload, recordParts, signParts } from "@/lib/uploads/service";
import { openTestDatabase, type TestDatabase } from "../support/db";
import { FTYP, makeClip } from "../support/media";
import { testConfig } from "../support/harness";
import { startTestS3, type TestS3 } from "../support/s3";

let t: TestDatabase;
let s3: TestS3;
let config: Config;
let tina: User;
let otto: User;
let clock = Date.now();
const ctx = (): AppContext => ({ db: t.db, storage: s3.storage, config, now: () => new Date(clock) });

let hevc720: string;
beforeAll(async () => {
  [s3, t] = await Promise.all([startTestS3(), openTestDatabase()]);
  config = testConfig();
  tina = await createTrainer(t.db, { email: "tina@example.com", password: "correct horse battery", name: "Tina" });
  otto = await createTrainer(t.db, { email: "otto@example.com", password: "correct horse battery", name: "Otto" });
  // GoPro-like: HEVC video + AAC audio, tagged hvc1.
  hevc720 = makeClip("GX010001.MP4", { codec: "hevc", width: 1280, height: 720, seconds: 2 });
});
afterAll(async () => {
  await s3?.close();
  await t?.close();
});
beforeEach(async () => {
  clock = Date.now();
  await t.db.delete(emailOutbox);
  await t.db.delete(ridingSessions); // cascades to videos, shares, upload parts and media jobs
});

/** Uploads bytes as the browser does and completes: the video is ready, shared with Sam, its email held. */
async function upload(
  bytes: Buffer,
  fileName = "GX010001.MP4",
  owner = tina,
  recording?: { recordingKey: string; chapter: number; chapterCount: number },
) {
  const up = await createUpload(ctx(), owner, {
    recording,
    fileName,
    contentType: "video/mp4",
    size: bytes.length,
    sessionDate: "2026-05-31",
    students: [{ email: "sam@example.com", name: "Sam" }],
  });
  const { parts } = await signParts(ctx(), owner, up.videoId, { partNumbers: Array.from({ length: up.partCount }, (_, i) => i + 1) });
  for (const { partNumber, url } of parts) {
    const body = bytes.subarray((partNumber - 1) * up.partSize, partNumber * up.partSize);
    const res = await fetch(url, { method: "PUT", body: new Uint8Array(body) });
    await recordParts(ctx(), owner, up.videoId, { parts: [{ partNumber, etag: res.headers.get("etag")!, size: body.length }] });
  }
  return { videoId: up.videoId, complete: () => completeUpload(ctx(), owner, up.videoId, { mediaEngine: "ffmpeg" }) };
}

const videoRow = async (id: string) => (await t.db.select().from(videos).where(eq(videos.id, id)))[0];
const jobRow = async (id: string) => (await t.db.select().from(mediaJobs).where(eq(mediaJobs.videoId, id)))[0];
const emailsOf = async (videoId: string) =>
  (
    await t.db
      .select({ e: emailOutbox })
      .from(emailOutbox)
      .innerJoin(shares, eq(shares.id, emailOutbox.shareId))
      .innerJoin(videos, eq(videos.sessionId, shares.sessionId))
      .where(eq(videos.id, videoId))
  ).map((r) => r.e);

describe("probe", () => {
  it("reads a GoPro-like HEVC+AAC clip: container, codecs, size, frame rate, duration", async () => {
    const p = await probeMedia(hevc720);
    expect(p.container).toContain("mp4");
    expect(p.video).toMatchObject({ codec: "hevc", width: 1280, height: 720, fps: 30, rotation: 0 });
    expect(p.audio?.codec).toBe("aac");
    expect(p.durationSeconds).toBeCloseTo(2, 0);
    expect(p.gpmf).toBe(false);
  });

  it("recognises GoPro's GPMF track and a rotated phone clip from ffprobe's answer", () => {
    const p = parseProbe(
      JSON.stringify({
        format: { format_name: "mov,mp4", duration: "10.5" },
        streams: [
          {
            codec_type: "video",
            codec_name: "h264",
            width: 1920,
            height: 1080,
            avg_frame_rate: "60000/1001",
            side_data_list: [{ rotation: -90 }],
          },
          { codec_type: "data", codec_tag_string: "gpmd", tags: { handler_name: "\u0010GoPro MET" } },
        ],
      }),
    );
    expect(p).toMatchObject({ gpmf: true, audio: null, video: { rotation: 270, fps: 59.94 } });
  });

  it("refuses random bytes, and an MP4 header over garbage, as not a video", async () => {
    const dir = (await import("node:os")).tmpdir();
    const junk = `${dir}/apex-junk-${Date.now()}.MP4`;
    const fake = `${dir}/apex-fake-${Date.now()}.MP4`;
    const { writeFileSync } = await import("node:fs");
    writeFileSync(junk, randomBytes(200_000));
    writeFileSync(fake, Buffer.concat([FTYP, randomBytes(200_000)]));
    await expect(probeMedia(junk)).rejects.toBeInstanceOf(NotAVideoError);
    await expect(probeMedia(fake)).rejects.toBeInstanceOf(NotAVideoError);
    expect(sniffContainer(randomBytes(64).fill(7))).toBeNull();
    expect(sniffContainer(readFileSync(hevc720).subarray(0, 64))).toBe("iso-bmff");
  });

  it("never makes a rendition above the source; a small source still gets a phone version", () => {
    const names = (w: number, h: number) => renditionsFor({ width: w, height: h }).map((r) => r.name);
    expect(names(3840, 2160)).toEqual(["720p", "1080p"]);
    expect(names(1920, 1080)).toEqual(["720p", "1080p"]);
    expect(names(1280, 720)).toEqual(["720p"]);
    expect(names(640, 360)).toEqual(["720p"]);
    expect(names(2160, 3840)).toEqual(["720p", "1080p"]); // portrait: the short side counts
  });
});

describe("upload completion", () => {
  it("refuses random bytes named .MP4 with a 422 the trainer can read: nobody is shared with or emailed", async () => {
    const { videoId, complete } = await upload(randomBytes(300_000));
    await expect(complete()).rejects.toMatchObject({
      status: 422,
      message: expect.stringMatching(/GX010001\.MP4 is not a video file/),
      // …and a code the upload page words in the trainer's language.
      coded: { code: "notAVideo", values: { file: "GX010001.MP4" } },
    });
    expect((await videoRow(videoId)).status).toBe("failed");
    // The students named on the session were never emailed, so no one holds a link.
    expect((await t.db.select().from(shares)).map((s) => s.emailedAt)).toEqual([null]);
    expect(await t.db.select().from(emailOutbox)).toEqual([]);
    expect(await jobRow(videoId)).toMatchObject({ status: "failed", refused: true, lastError: expect.stringMatching(/not a video file/) });
  });

  it("queues a media job and holds the share email for at most 5 minutes", async () => {
    const { videoId, complete } = await upload(readFileSync(hevc720));
    await complete();
    expect(await jobRow(videoId)).toMatchObject({ status: "queued", attempts: 0 });
    const [email] = await emailsOf(videoId);
    expect(email.status).toBe("queued");
    expect(email.nextAttemptAt.getTime() - clock).toBe(5 * 60_000);
  });
});

describe("media job", () => {
  it("makes an H.264 rendition not above the 720p source, a poster and a storyboard, and releases the email", async () => {
    const { videoId, complete } = await upload(readFileSync(hevc720));
    await complete();
    const outcome = await runNextMediaJob(ctx());
    expect(outcome).toMatchObject({ videoId, status: "ready" });
    const v = await videoRow(videoId);
    expect(v.probe?.video.codec).toBe("hevc");
    expect(v.renditions.map((r) => [r.name, r.width, r.height])).toEqual([["720p", 1280, 720]]);
    const rendition = await probeMedia(await s3.storage.presignGet(v.renditions[0].key, 60));
    expect(rendition.video.codec).toBe("h264");
    expect(rendition.audio?.codec).toBe("aac");
    expect(rendition.durationSeconds).toBeCloseTo(2, 0);
    expect(await s3.storage.headSize(v.renditions[0].key)).toBe(v.renditions[0].bytes);
    const poster = await s3.storage.readHead(v.posterKey!, 2);
    expect([...poster]).toEqual([0xff, 0xd8]); // a JPEG
    expect(v.storyboard).toMatchObject({ interval: 1, tiles: 2, tileWidth: 160, tileHeight: 90 });
    const vtt = Buffer.from(await s3.storage.readHead(v.storyboard!.vttKey, 200)).toString();
    expect(vtt).toMatch(/^WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nstoryboard.jpg#xywh=0,0,160,90/);
    const job = await jobRow(videoId);
    expect(job).toMatchObject({ status: "ready", lockedUntil: null, lastError: null });
    expect(job.playableAt).not.toBeNull();
    // Released: due now, not in 5 minutes.
    const [email] = await emailsOf(videoId);
    expect(email.nextAttemptAt.getTime()).toBeLessThanOrEqual(clock);

    // Deleting the video deletes what the job made.
    await deleteVideo(ctx(), tina.id, videoId);
    for (const key of mediaObjectKeys(videoId)) expect(await s3.storage.headSize(key)).toBeNull();
  });

  it("refuses an MP4 header over garbage: the video fails, the link is withdrawn, the email is never sent", async () => {
    const { videoId, complete } = await upload(Buffer.concat([FTYP, randomBytes(300_000)]));
    await complete();
    expect(await runNextMediaJob(ctx())).toMatchObject({ status: "failed", error: expect.stringMatching(/not a video/) });
    expect(await jobRow(videoId)).toMatchObject({ status: "failed", refused: true, attempts: 1 });
    expect((await videoRow(videoId)).status).toBe("failed");
    const [email] = await emailsOf(videoId);
    expect(email).toMatchObject({ status: "failed", lastError: expect.stringMatching(/^not sent: /), payload: {} });
    expect((await t.db.select().from(shares))[0].revokedAt).not.toBeNull();
    // A refused file is not retried, even when the trainer asks.
    expect(await retryMediaJob(t.db, tina.id, videoId, new Date(clock))).toBe(false);
  });

  it("two workers never claim the same job; a crashed worker's job is claimed again when its lease runs out", async () => {
    const a = await upload(readFileSync(hevc720), "a.mp4");
    await a.complete();
    const b = await upload(readFileSync(hevc720), "b.mp4");
    await b.complete();
    const [one, two, three] = await Promise.all([claimMediaJob(ctx()), claimMediaJob(ctx()), claimMediaJob(ctx())]);
    const claimed = [one, two, three].filter((j) => j !== null);
    expect(claimed.map((j) => j.videoId).sort()).toEqual([a.videoId, b.videoId].sort());
    expect(await claimMediaJob(ctx())).toBeNull();
    // Both workers "crash". After the lease, a restarted worker resumes the jobs.
    clock += MEDIA_LEASE_MS + 1000;
    const resumed = await claimMediaJob(ctx());
    expect(resumed).toMatchObject({ status: "running", attempts: 2 });
    expect(await runMediaJob(ctx(), resumed!)).toMatchObject({ status: "ready" });
    // The crashed worker's late outcome cannot overwrite the resumed one (its attempt number is stale).
    const stale = claimed.find((j) => j.id === resumed!.id)!;
    await t.db.delete(mediaJobs).where(eq(mediaJobs.id, "00000000-0000-0000-0000-000000000000"));
    expect(await runMediaJob(ctx(), stale)).toMatchObject({ status: "ready" });
    expect(await jobRow(stale.videoId)).toMatchObject({ status: "ready", attempts: 2 });
  });

  it("retries a failure with backoff, then fails and sends the emails anyway (the original is downloadable); the trainer can retry", async () => {
    const { videoId, complete } = await upload(readFileSync(hevc720));
    await complete();
    // Storage loses the original: every attempt fails to read it.
    await s3.storage.delete((await videoRow(videoId)).objectKey);
    for (let attempt = 1; attempt < MEDIA_MAX_ATTEMPTS; attempt++) {
      expect(await runNextMediaJob(ctx())).toMatchObject({ status: "retry" });
      const job = await jobRow(videoId);
      expect(job).toMatchObject({ status: "queued", attempts: attempt });
      expect(job.runAfter.getTime() - clock).toBe(mediaBackoffMs(attempt));
      expect(await runNextMediaJob(ctx())).toBeNull(); // not due yet
      clock += mediaBackoffMs(attempt);
    }
    expect(await runNextMediaJob(ctx())).toMatchObject({ status: "failed" });
    expect(await jobRow(videoId)).toMatchObject({ status: "failed", refused: false, attempts: MEDIA_MAX_ATTEMPTS });
    const [email] = await emailsOf(videoId);
    expect(email.nextAttemptAt.getTime()).toBeLessThanOrEqual(clock);
    expect((await videoRow(videoId)).status).toBe("ready");

    expect(await retryMediaJob(t.db, otto.id, videoId, new Date(clock))).toBe(false); // not Otto's
    expect(await retryMediaJob(t.db, tina.id, videoId, new Date(clock))).toBe(true);
    expect(await jobRow(videoId)).toMatchObject({ status: "queued", attempts: 0, lastError: null });
  });
});

describe("GoPro chapters", () => {
  it("groups chapters of a recording in order and titles recordings by session date, not GX010042", () => {
    const groups = groupRecordings(["GX020042.MP4", "notes.mov", "GX010043.MP4", "GX010042.MP4", "GH030042.MP4"], (n) => n);
    expect(groups.map((g) => g.items)).toEqual([["GX010042.MP4", "GX020042.MP4"], ["GH030042.MP4"], ["GX010043.MP4"], ["notes.mov"]]);
    expect(recordingTitle("2026-05-31", 1, 3)).toBe("Session 31 May 2026 — recording 1 of 3");
    expect(recordingTitle("2026-05-31", 1, 1)).toBe("Session 31 May 2026");
  });

  it("two chapters complete in any order into one video: shared once at the last, rendition duration = the sum, each original kept", async () => {
    const one = makeClip("GH010050.MP4", { codec: "h264", width: 640, height: 360, seconds: 2 });
    const two = makeClip("GH020050.MP4", { codec: "h264", width: 640, height: 360, seconds: 2 });
    const recordingKey = crypto.randomUUID();
    const c1 = await upload(readFileSync(one), "GH010050.MP4", tina, { recordingKey, chapter: 1, chapterCount: 2 });
    const c2 = await upload(readFileSync(two), "GH020050.MP4", tina, { recordingKey, chapter: 2, chapterCount: 2 });
    await c1.complete();
    expect(await t.db.select().from(emailOutbox)).toEqual([]); // chapter 2 is still missing
    expect(await jobRow(c1.videoId)).toBeUndefined();
    await c2.complete();
    const mails = await t.db.select().from(emailOutbox);
    expect(mails.map((m) => (m.payload as { videos: { id: string }[] }).videos)).toEqual([[expect.objectContaining({ id: c1.videoId })]]); // shared as chapter 1, once
    expect((await videoRow(c2.videoId)).sessionId).toBe((await videoRow(c1.videoId)).sessionId);
    expect(await runNextMediaJob(ctx())).toMatchObject({ videoId: c1.videoId, status: "ready" });
    const v = await videoRow(c1.videoId);
    expect(v.probe?.durationSeconds).toBeCloseTo(4, 0);
    const joined = await probeMedia(await s3.storage.presignGet(v.renditions[0].key, 60));
    expect(joined.durationSeconds).toBeGreaterThan(3.8);
    expect(joined.durationSeconds).toBeLessThan(4.3);
    expect(await chapterOriginal(t.db, v, "2")).toMatchObject({ id: c2.videoId, originalFileName: "GH020050.MP4" });
    expect(await chapterOriginal(t.db, v, "3")).toBeNull();
    // Deleting the video deletes both chapters' originals.
    await deleteVideo(ctx(), tina.id, c1.videoId);
    expect(await s3.storage.headSize((await videoRow(c2.videoId)).objectKey)).toBeNull();
    expect((await videoRow(c2.videoId)).status).toBe("deleted");
  });
});
