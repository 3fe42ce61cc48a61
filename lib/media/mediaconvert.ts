// The AWS engine: AWS Elemental MediaConvert (Basic tier) makes the same
// renditions from the same list, plus the poster, from the chapters in order
// (several inputs are joined). Its completion arrives as the EventBridge
// "MediaConvert Job State Change" event (infra/media-events.ts).
import { CreateJobCommand, MediaConvertClient, type CreateJobCommandInput, type Output } from "@aws-sdk/client-mediaconvert";
import { and, eq } from "drizzle-orm";
import { mediaJobs, videos, type Video, type VideoRendition } from "@/db/schema";
import { recordingChapters, recordingComplete } from "./chapters";
import { claimMediaJob, markPlayable, refuseVideo, releaseShareEmails, type MediaContext } from "./jobs";
import { MAX_RENDITION_FPS, mediaKeys, renditionsFor, renditionSize, RENDITIONS, type Rendition } from "./renditions";
import type { MediaSettings } from "./settings";

type MediaConvertSettings = Extract<MediaSettings, { engine: "mediaconvert" }>;

/** How long a submitted job may take before it is submitted again (MediaConvert's own limit is far longer; ours is a backstop for a lost event). */
export const MEDIACONVERT_LEASE_MS = 6 * 3600_000;

function renditionOutput(video: Pick<Video, "probe">, r: Rendition): Output {
  const size = video.probe ? renditionSize(video.probe.video, r) : null;
  const fastSource = (video.probe?.video.fps ?? 0) > MAX_RENDITION_FPS;
  return {
    NameModifier: mediaKeys.renditionModifier(r.name),
    ContainerSettings: { Container: "MP4", Mp4Settings: { MoovPlacement: "PROGRESSIVE_DOWNLOAD" } }, // = faststart
    VideoDescription: {
      // Without a probe (none runs in AWS before the job), the height alone keeps the aspect ratio.
      ...(size ? { Width: size.width, Height: size.height } : { Height: r.height }),
      ScalingBehavior: "DEFAULT",
      CodecSettings: {
        Codec: "H_264",
        H264Settings: {
          CodecProfile: "HIGH",
          RateControlMode: "VBR",
          Bitrate: r.videoBitrate,
          MaxBitrate: r.maxBitrate,
          HrdBufferSize: r.maxBitrate * 2,
          GopSize: 2,
          GopSizeUnits: "SECONDS",
          SceneChangeDetect: "TRANSITION_DETECTION",
          ...(fastSource
            ? {
                FramerateControl: "SPECIFIED",
                FramerateNumerator: MAX_RENDITION_FPS,
                FramerateDenominator: 1,
                FramerateConversionAlgorithm: "DUPLICATE_DROP",
              }
            : { FramerateControl: "INITIALIZE_FROM_SOURCE" }),
        },
      },
    },
    AudioDescriptions: [
      {
        AudioSourceName: "Audio Selector 1",
        CodecSettings: {
          Codec: "AAC",
          AacSettings: { Bitrate: r.audioBitrate, CodingMode: "CODING_MODE_2_0", SampleRate: 48000, CodecProfile: "LC" },
        },
      },
    ],
  };
}

/**
 * The CreateJob request for a video: one input per chapter (joined in order),
 * a file group with one MP4 per rendition of the list, and a one-frame capture
 * for the poster. Typed by the SDK's own CreateJobCommandInput.
 */
export function buildMediaConvertJob(
  video: Pick<Video, "id" | "probe">,
  chapterKeys: string[],
  opts: { bucket: string; roleArn: string; queueArn?: string; jobId: string },
): CreateJobCommandInput {
  const s3 = (key: string) => `s3://${opts.bucket}/${key}`;
  const renditions = video.probe ? renditionsFor(video.probe.video) : [...RENDITIONS];
  return {
    Role: opts.roleArn,
    Queue: opts.queueArn,
    // Comes back in the state-change event: how the event finds its job.
    UserMetadata: { videoId: video.id, mediaJobId: opts.jobId },
    StatusUpdateInterval: "SECONDS_60",
    Settings: {
      Inputs: chapterKeys.map((key) => ({
        FileInput: s3(key),
        TimecodeSource: "ZEROBASED",
        VideoSelector: { Rotate: "AUTO" },
        AudioSelectors: { "Audio Selector 1": { DefaultSelection: "DEFAULT" } },
      })),
      OutputGroups: [
        {
          Name: "Renditions",
          OutputGroupSettings: { Type: "FILE_GROUP_SETTINGS", FileGroupSettings: { Destination: s3(mediaKeys.renditionBase(video.id)) } },
          Outputs: renditions.map((r) => renditionOutput(video, r)),
        },
        {
          Name: "Poster",
          OutputGroupSettings: { Type: "FILE_GROUP_SETTINGS", FileGroupSettings: { Destination: s3(mediaKeys.posterBase(video.id)) } },
          Outputs: [
            {
              ContainerSettings: { Container: "RAW" },
              VideoDescription: {
                Height: 720,
                CodecSettings: {
                  Codec: "FRAME_CAPTURE",
                  FrameCaptureSettings: { FramerateNumerator: 1, FramerateDenominator: 2, MaxCaptures: 1, Quality: 80 },
                },
              },
            },
          ],
        },
      ],
    },
  };
}

/** In AWS the function's role signs; tests pass static credentials for the local stand-in. */
export function mediaConvertClient(
  settings: MediaConvertSettings,
  credentials?: { accessKeyId: string; secretAccessKey: string },
): MediaConvertClient {
  return new MediaConvertClient({ region: settings.region, endpoint: settings.endpoint, credentials });
}

/**
 * Submits due MediaConvert jobs (called after an upload completes and by the
 * sweep). The claim's lease is long: the event ends the job; if it never
 * arrives, the lease runs out and the job is submitted again.
 */
export async function dispatchMediaConvertJobs(ctx: MediaContext, client: MediaConvertClient, settings: MediaConvertSettings, limit = 10) {
  let submitted = 0;
  for (let i = 0; i < limit; i++) {
    const job = await claimMediaJob(ctx, "mediaconvert", MEDIACONVERT_LEASE_MS);
    if (!job) break;
    const [video] = await ctx.db.select().from(videos).where(eq(videos.id, job.videoId));
    const chapters = video ? await recordingChapters(ctx.db, video) : [];
    if (!video || video.status !== "ready" || !recordingComplete(chapters)) {
      await ctx.db
        .update(mediaJobs)
        .set({ status: "failed", lastError: "The video is gone.", lockedUntil: null })
        .where(eq(mediaJobs.id, job.id));
      continue;
    }
    try {
      const input = buildMediaConvertJob(
        video,
        chapters.map((c) => c.objectKey),
        { bucket: ctx.storage.bucket, roleArn: settings.roleArn, queueArn: settings.queueArn, jobId: job.id },
      );
      const out = await client.send(new CreateJobCommand(input));
      await ctx.db
        .update(mediaJobs)
        .set({ externalId: out.Job?.Id ?? null })
        .where(and(eq(mediaJobs.id, job.id), eq(mediaJobs.attempts, job.attempts)));
      submitted++;
    } catch (err) {
      // Not submitted: back to the queue shortly (the claim counted an attempt).
      await ctx.db
        .update(mediaJobs)
        .set({
          status: "queued",
          lockedUntil: null,
          runAfter: new Date(ctx.now().getTime() + 60_000),
          lastError: String(err).slice(0, 500),
        })
        .where(eq(mediaJobs.id, job.id));
    }
  }
  return { submitted };
}

/** The EventBridge event MediaConvert sends (the fields we read). */
export interface MediaConvertStateChange {
  "detail-type": "MediaConvert Job State Change";
  source: "aws.mediaconvert";
  detail: {
    jobId: string;
    status: "SUBMITTED" | "PROGRESSING" | "INPUT_INFORMATION" | "COMPLETE" | "CANCELED" | "ERROR" | "STATUS_UPDATE" | "NEW_WARNING";
    userMetadata?: Record<string, string>;
    errorCode?: number;
    errorMessage?: string;
    outputGroupDetails?: {
      type: string;
      outputDetails: { outputFilePaths: string[]; durationInMs?: number; videoDetails?: { widthInPx: number; heightInPx: number } }[];
    }[];
  };
}

/** Input errors (MediaConvert 1010–1099: unreadable, unsupported or damaged input): the file is refused, not retried. */
const isInputError = (code?: number) => code !== undefined && code >= 1010 && code < 1100;

/**
 * Marks the video's job ready (renditions + poster recorded, emails released)
 * or failed, from the state-change event. Unknown jobs and other states are
 * ignored (EventBridge may deliver twice or out of order).
 */
export async function handleMediaConvertEvent(
  ctx: MediaContext,
  event: MediaConvertStateChange,
): Promise<"ready" | "failed" | "refused" | "ignored"> {
  if (event.source !== "aws.mediaconvert" || event["detail-type"] !== "MediaConvert Job State Change") return "ignored";
  const { detail } = event;
  const [job] = await ctx.db
    .select()
    .from(mediaJobs)
    .where(and(eq(mediaJobs.externalId, detail.jobId), eq(mediaJobs.status, "running")));
  if (!job || (detail.userMetadata?.videoId && detail.userMetadata.videoId !== job.videoId)) return "ignored";
  const now = ctx.now();

  if (detail.status === "COMPLETE") {
    const renditions: VideoRendition[] = [];
    let poster: string | null = null;
    for (const group of detail.outputGroupDetails ?? []) {
      for (const output of group.outputDetails) {
        for (const path of output.outputFilePaths) {
          const key = path.replace(/^s3:\/\/[^/]+\//, "");
          const r = RENDITIONS.find((x) => key === mediaKeys.rendition(job.videoId, x.name));
          if (r) {
            const bytes = (await ctx.storage.headSize(key)) ?? 0;
            renditions.push({
              name: r.name,
              key,
              bytes,
              width: output.videoDetails?.widthInPx ?? 0,
              height: output.videoDetails?.heightInPx ?? r.height,
            });
          } else if (key.startsWith(mediaKeys.posterBase(job.videoId))) poster = key;
        }
      }
    }
    renditions.sort((a, b) => a.height - b.height);
    const durationMs = detail.outputGroupDetails?.[0]?.outputDetails[0]?.durationInMs;
    await ctx.db
      .update(videos)
      .set({ renditions, posterKey: poster, ...(durationMs ? { durationSeconds: durationMs / 1000 } : {}) })
      .where(eq(videos.id, job.videoId));
    await markPlayable(ctx, job, job.videoId);
    await ctx.db
      .update(mediaJobs)
      .set({ status: "ready", lockedUntil: null, finishedAt: now, lastError: null })
      .where(eq(mediaJobs.id, job.id));
    return "ready";
  }

  if (detail.status === "ERROR" || detail.status === "CANCELED") {
    const message =
      `MediaConvert ${detail.status.toLowerCase()}${detail.errorCode ? ` ${detail.errorCode}` : ""}: ${detail.errorMessage ?? ""}`.slice(
        0,
        500,
      );
    if (detail.status === "ERROR" && isInputError(detail.errorCode)) {
      await refuseVideo(ctx.db, job, "This file is not a video we can read (it may be damaged, or not a video at all).", now);
      return "refused";
    }
    await ctx.db.transaction(async (tx) => {
      await tx
        .update(mediaJobs)
        .set({ status: "failed", lockedUntil: null, finishedAt: now, lastError: message })
        .where(eq(mediaJobs.id, job.id));
      // The original is still there to download: do not keep students waiting.
      await releaseShareEmails(tx, job.videoId, now);
    });
    return "failed";
  }
  return "ignored";
}
