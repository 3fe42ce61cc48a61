// The AWS engine: the CreateJob request built from the rendition list, sent by
// the real SDK to a local stand-in, and the EventBridge state-change events
// (their real shape) marking the video ready, failed or refused.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CreateJobCommandInput } from "@aws-sdk/client-mediaconvert";
import { emailOutbox, mediaJobs, shares, videos, ridingSessions, type User } from "@/db/schema";
import { createTrainer } from "@/lib/auth/trainers";
import type { Config } from "@/lib/config";
import type { AppContext } from "@/lib/context";
import {
  buildMediaConvertJob,
  dispatchMediaConvertJobs,
  handleMediaConvertEvent,
  mediaConvertClient,
  type MediaConvertStateChange,
} from "@/lib/media/mediaconvert";
import { mediaKeys, RENDITIONS } from "@/lib/media/renditions";
import { mediaSettings } from "@/lib/media/settings";
import { completeUpload, createUpload, recordParts, signParts } from "@/lib/uploads/service";
import { openTestDatabase, type TestDatabase } from "../support/db";
import { startFakeMediaConvert } from "../support/mediaconvert";
import { mp4ShapedBytes } from "../support/media";
import { testConfig } from "../support/harness";
import { startTestS3, type TestS3 } from "../support/s3";

let t: TestDatabase;
let s3: TestS3;
let mc: Awaited<ReturnType<typeof startFakeMediaConvert>>;
let tina: User;
let config: Config;
const clock = Date.now();
const ctx = (): AppContext => ({ db: t.db, storage: s3.storage, config, now: () => new Date(clock) });
const ROLE = "arn:aws:iam::123456789012:role/apexshare-mediaconvert";

beforeAll(async () => {
  [s3, t, mc] = await Promise.all([startTestS3(), openTestDatabase(), startFakeMediaConvert()]);
  config = testConfig();
  tina = await createTrainer(t.db, { email: "tina@example.com", password: "correct horse battery", name: "Tina" });
});
afterAll(async () => {
  await Promise.all([s3?.close(), mc?.close()]);
  await t?.close();
});
beforeEach(async () => {
  mc.jobs.length = 0;
  await t.db.delete(emailOutbox);
  await t.db.delete(ridingSessions); // cascades to videos, shares, upload parts and media jobs
});

async function uploaded(recording?: { recordingKey: string; chapter: number; chapterCount: number }, fileName = "GX010042.MP4") {
  const bytes = mp4ShapedBytes(2000);
  const up = await createUpload(ctx(), tina, {
    fileName,
    size: bytes.length,
    sessionDate: "2026-05-31",
    students: [{ email: "sam@example.com" }],
    recording,
  });
  const { parts } = await signParts(ctx(), tina, up.videoId, { partNumbers: [1] });
  const res = await fetch(parts[0].url, { method: "PUT", body: new Uint8Array(bytes) });
  await recordParts(ctx(), tina, up.videoId, { parts: [{ partNumber: 1, etag: res.headers.get("etag")!, size: bytes.length }] });
  await completeUpload(ctx(), tina, up.videoId, { mediaEngine: "mediaconvert" });
  return up.videoId;
}

const settings = () => {
  const s = mediaSettings({ MEDIACONVERT_ROLE_ARN: ROLE, MEDIACONVERT_ENDPOINT: mc.endpoint, AWS_REGION: "eu-west-1" });
  if (s.engine !== "mediaconvert") throw new Error("expected mediaconvert");
  return s;
};
const client = () => mediaConvertClient(settings(), { accessKeyId: "test", secretAccessKey: "test" });
/** The state-change event as EventBridge delivers it (shape from the MediaConvert user guide). */
function stateChange(jobId: string, status: string, videoId: string, extra: Record<string, unknown> = {}): MediaConvertStateChange {
  return {
    version: "0",
    id: "c3e2f5a1-0000-4000-8000-000000000001",
    "detail-type": "MediaConvert Job State Change",
    source: "aws.mediaconvert",
    account: "123456789012",
    time: "2026-05-31T10:00:00Z",
    region: "eu-west-1",
    resources: [`arn:aws:mediaconvert:eu-west-1:123456789012:jobs/${jobId}`],
    detail: {
      timestamp: 1780000000000,
      accountId: "123456789012",
      queue: "arn:aws:mediaconvert:eu-west-1:123456789012:queues/Default",
      jobId,
      status,
      userMetadata: { videoId },
      ...extra,
    },
  } as unknown as MediaConvertStateChange;
}

describe("MediaConvert job", () => {
  it("is built from the rendition list: 720p and 1080p H.264/AAC MP4 with faststart, never above the source, and a poster", () => {
    const probe = {
      container: "mp4",
      durationSeconds: 60,
      video: { codec: "hevc", profile: "Main", width: 3840, height: 2160, fps: 120, rotation: 0, pixelFormat: "yuv420p" },
      audio: null,
      gpmf: true,
      hilights: null,
      bitrate: null,
    };
    // Typed by the SDK: a field or enum value MediaConvert does not know fails `tsc`.
    const job: CreateJobCommandInput = buildMediaConvertJob({ id: "v1", probe }, ["videos/v1/original.mp4"], {
      bucket: "b",
      roleArn: ROLE,
      jobId: "j1",
    });
    const [renditions, poster] = job.Settings!.OutputGroups!;
    expect(renditions.OutputGroupSettings?.FileGroupSettings?.Destination).toBe("s3://b/videos/v1/rendition");
    expect(
      renditions.Outputs!.map((o) => [
        o.NameModifier,
        o.VideoDescription?.Width,
        o.VideoDescription?.Height,
        o.VideoDescription?.CodecSettings?.H264Settings?.MaxBitrate,
      ]),
    ).toEqual(RENDITIONS.map((r) => [`-${r.name}`, r.height === 720 ? 1280 : 1920, r.height, r.maxBitrate]));
    for (const o of renditions.Outputs!) {
      expect(o.ContainerSettings).toEqual({ Container: "MP4", Mp4Settings: { MoovPlacement: "PROGRESSIVE_DOWNLOAD" } });
      expect(o.AudioDescriptions![0].CodecSettings?.Codec).toBe("AAC");
      expect(o.VideoDescription?.CodecSettings?.H264Settings).toMatchObject({ FramerateControl: "SPECIFIED", FramerateNumerator: 60 }); // 120 fps source
    }
    expect(poster.Outputs![0].VideoDescription?.CodecSettings?.Codec).toBe("FRAME_CAPTURE");
    // A 720p source gets no 1080p.
    const small = buildMediaConvertJob(
      { id: "v2", probe: { ...probe, video: { ...probe.video, width: 1280, height: 720, fps: 30 } } },
      ["k"],
      { bucket: "b", roleArn: ROLE, jobId: "j2" },
    );
    expect(small.Settings!.OutputGroups![0].Outputs!.map((o) => o.NameModifier)).toEqual(["-720p"]);
    // The keys the outputs land on are the keys the app reads and deletes.
    expect(`videos/v1/rendition${renditions.Outputs![0].NameModifier}.mp4`).toBe(mediaKeys.rendition("v1", "720p"));
  });

  it("is sent by the real SDK after completion: chapters as inputs in order, the role, the video id to come back in the event", async () => {
    const recordingKey = crypto.randomUUID();
    const second = await uploaded({ recordingKey, chapter: 2, chapterCount: 2 }, "GX020042.MP4");
    const first = await uploaded({ recordingKey, chapter: 1, chapterCount: 2 }, "GX010042.MP4");
    mc.failNext(3); // the first submit meets an outage (the SDK tries 3 times): the job goes back to the queue
    expect(await dispatchMediaConvertJobs(ctx(), client(), settings())).toEqual({ submitted: 0 });
    expect((await t.db.select().from(mediaJobs))[0]).toMatchObject({
      status: "queued",
      engine: "mediaconvert",
      lastError: expect.stringContaining("outage"),
    });
    const later = (): AppContext => ({ ...ctx(), now: () => new Date(clock + 61_000) });
    expect(await dispatchMediaConvertJobs(later(), client(), settings())).toEqual({ submitted: 1 });
    expect(mc.jobs).toHaveLength(1);
    const sent = mc.jobs[0];
    expect(sent).toMatchObject({ method: "POST", path: "/2017-08-29/jobs" });
    const body = sent.body as {
      role: string;
      userMetadata: Record<string, string>;
      settings: { inputs: { fileInput: string }[]; outputGroups: { outputs: { nameModifier?: string }[] }[] };
    };
    expect(body.role).toBe(ROLE);
    expect(body.userMetadata.videoId).toBe(first);
    const keyOf = async (id: string) => (await t.db.select().from(videos).where(eq(videos.id, id)))[0].objectKey;
    expect(body.settings.inputs.map((i) => i.fileInput)).toEqual([
      `s3://apex-test/${await keyOf(first)}`,
      `s3://apex-test/${await keyOf(second)}`,
    ]);
    expect(body.settings.outputGroups[0].outputs.map((o) => o.nameModifier)).toEqual(["-720p", "-1080p"]);
    expect((await t.db.select().from(mediaJobs))[0]).toMatchObject({ status: "running", externalId: expect.stringMatching(/-job1$/) });
  });
});

describe("MediaConvert state-change event", () => {
  async function submitted() {
    const videoId = await uploaded();
    await dispatchMediaConvertJobs(ctx(), client(), settings());
    const [job] = await t.db.select().from(mediaJobs).where(eq(mediaJobs.videoId, videoId));
    return { videoId, jobId: job.externalId! };
  }

  it("COMPLETE marks the video ready with its renditions and poster, and releases the email", async () => {
    const { videoId, jobId } = await submitted();
    // What MediaConvert wrote.
    const put = async (key: string, size: number) =>
      expect(
        (
          await fetch(await s3.storage.presignPut(key, 60, "video/mp4"), {
            method: "PUT",
            body: new Uint8Array(size),
            headers: { "Content-Type": "video/mp4" },
          })
        ).status,
      ).toBe(200);
    await put(mediaKeys.rendition(videoId, "720p"), 1234);
    await put(mediaKeys.rendition(videoId, "1080p"), 2345);
    const out = (key: string, w: number, h: number) => ({
      outputFilePaths: [`s3://apex-test/${key}`],
      durationInMs: 60000,
      videoDetails: { widthInPx: w, heightInPx: h },
    });
    const event = stateChange(jobId, "COMPLETE", videoId, {
      outputGroupDetails: [
        {
          type: "FILE_GROUP",
          outputDetails: [out(mediaKeys.rendition(videoId, "720p"), 1280, 720), out(mediaKeys.rendition(videoId, "1080p"), 1920, 1080)],
        },
        { type: "FILE_GROUP", outputDetails: [out(mediaKeys.mediaConvertPoster(videoId), 1280, 720)] },
      ],
    });
    expect(await handleMediaConvertEvent(ctx(), event)).toBe("ready");
    const [v] = await t.db.select().from(videos).where(eq(videos.id, videoId));
    expect(v.renditions).toEqual([
      { name: "720p", key: mediaKeys.rendition(videoId, "720p"), bytes: 1234, width: 1280, height: 720 },
      { name: "1080p", key: mediaKeys.rendition(videoId, "1080p"), bytes: 2345, width: 1920, height: 1080 },
    ]);
    expect(v.posterKey).toBe(mediaKeys.mediaConvertPoster(videoId));
    expect((await t.db.select().from(mediaJobs))[0]).toMatchObject({ status: "ready", playableAt: new Date(clock) });
    expect((await t.db.select().from(emailOutbox))[0].nextAttemptAt.getTime()).toBe(clock);
    // Delivered twice (EventBridge may): nothing changes.
    expect(await handleMediaConvertEvent(ctx(), event)).toBe("ignored");
  });

  it("ERROR marks the job failed and sends the email anyway (the original downloads); an input error refuses the file", async () => {
    const a = await submitted();
    expect(
      await handleMediaConvertEvent(ctx(), stateChange(a.jobId, "ERROR", a.videoId, { errorCode: 1517, errorMessage: "Internal error" })),
    ).toBe("failed");
    expect((await t.db.select().from(mediaJobs).where(eq(mediaJobs.videoId, a.videoId)))[0]).toMatchObject({
      status: "failed",
      refused: false,
      lastError: expect.stringContaining("1517"),
    });
    expect((await t.db.select().from(emailOutbox))[0]).toMatchObject({ status: "queued", nextAttemptAt: new Date(clock) });

    await t.db.delete(emailOutbox);
    const b = await submitted();
    expect(
      await handleMediaConvertEvent(
        ctx(),
        stateChange(b.jobId, "ERROR", b.videoId, { errorCode: 1010, errorMessage: "Unable to open input file" }),
      ),
    ).toBe("refused");
    expect((await t.db.select().from(videos).where(eq(videos.id, b.videoId)))[0].status).toBe("failed");
    expect((await t.db.select().from(emailOutbox))[0]).toMatchObject({ status: "failed" });
    const bSession = (await t.db.select().from(videos).where(eq(videos.id, b.videoId)))[0].sessionId;
    expect((await t.db.select().from(shares).where(eq(shares.sessionId, bSession)))[0].revokedAt).not.toBeNull();
  });

  it("ignores events for jobs it does not know, and progress events", async () => {
    const { videoId, jobId } = await submitted();
    expect(await handleMediaConvertEvent(ctx(), stateChange("someone-elses-job", "COMPLETE", videoId))).toBe("ignored");
    expect(await handleMediaConvertEvent(ctx(), stateChange(jobId, "PROGRESSING", videoId))).toBe("ignored");
    expect((await t.db.select().from(mediaJobs))[0].status).toBe("running");
  });
});
