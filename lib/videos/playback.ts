// What a viewer's player gets for one video: the poster, the renditions (as
// short-lived viewer URLs: CloudFront-signed or presigned GETs), the original with the codecs string the browser
// checks with canPlayType, the storyboard, and whether the job is still working.
import { eq } from "drizzle-orm";
import { mediaJobs, type Video } from "@/db/schema";
import type { AppContext } from "@/lib/context";
import { recordingChapters } from "@/lib/media/chapters";
import { RENDITIONS } from "@/lib/media/renditions";

export interface PlaybackSource {
  name: string;
  label: string;
  url: string;
  type: string;
  width: number;
  height: number;
}

export interface Playback {
  poster: string | null;
  renditions: PlaybackSource[];
  /** The trainer's file; the menu offers it only where canPlayType says the browser decodes it. */
  original: { url: string; type: string };
  storyboard: { url: string; interval: number; tiles: number; columns: number; tileWidth: number; tileHeight: number } | null;
  /** The media job is still making the phone version. */
  preparing: boolean;
  durationSeconds: number | null;
  /** A recording in chapters: each chapter's original, for download (n ≥ 1). */
  chapters: { chapter: number; fileName: string; sizeBytes: number }[];
  /** Every URL above dies this many seconds after it was signed; the player asks for fresh ones before. */
  urlsExpireInSeconds: number;
}

/** The RFC 6381 codecs string of the original, so canPlayType answers for the codec, not just the container. */
export function originalMimeType(video: Pick<Video, "contentType" | "probe">): string {
  const container = video.contentType === "video/quicktime" ? "video/mp4" : video.contentType;
  const codec = video.probe?.video.codec;
  const videoCodec =
    codec === "hevc"
      ? "hvc1.1.6.L150.B0"
      : codec === "h264"
        ? "avc1.640028"
        : codec === "av1"
          ? "av01.0.08M.08"
          : codec === "vp9"
            ? "vp09.00.40.08"
            : null;
  if (!videoCodec) return container;
  const audio = video.probe?.audio?.codec === "aac" ? ",mp4a.40.2" : video.probe?.audio?.codec === "opus" ? ",opus" : "";
  return `${container}; codecs="${videoCodec}${audio}"`;
}

export async function playbackFor({ db, storage }: Pick<AppContext, "db" | "storage">, video: Video): Promise<Playback> {
  const [job] = await db.select({ status: mediaJobs.status }).from(mediaJobs).where(eq(mediaJobs.videoId, video.id));
  const sign = (key: string) => storage.viewerUrl(key);
  const renditions = await Promise.all(
    RENDITIONS.flatMap((r) => video.renditions.filter((s) => s.name === r.name).map((s) => ({ s, r }))).map(async ({ s, r }) => ({
      name: s.name,
      label: r.label,
      url: await sign(s.key),
      type: 'video/mp4; codecs="avc1.640028,mp4a.40.2"',
      width: s.width,
      height: s.height,
    })),
  );
  return {
    poster: video.posterKey ? await sign(video.posterKey) : video.thumbnailKey ? await sign(video.thumbnailKey) : null,
    renditions,
    original: { url: await sign(video.objectKey), type: originalMimeType(video) },
    storyboard: video.storyboard ? { url: await sign(video.storyboard.imageKey), ...pick(video.storyboard) } : null,
    preparing: job?.status === "queued" || job?.status === "running",
    durationSeconds: video.probe?.durationSeconds ?? video.durationSeconds ?? null,
    chapters:
      video.chapterCount > 1
        ? (await recordingChapters(db, video))
            .filter((c) => c.status === "ready")
            .map((c) => ({ chapter: c.chapter, fileName: c.originalFileName, sizeBytes: c.sizeBytes }))
        : [],
    urlsExpireInSeconds: storage.config.mediaUrlTtlSeconds,
  };
}

const pick = ({ interval, tiles, columns, tileWidth, tileHeight }: NonNullable<Video["storyboard"]>) => ({
  interval,
  tiles,
  columns,
  tileWidth,
  tileHeight,
});

export type MediaState =
  | { state: "none" }
  | { state: "preparing"; emailsBy: Date | null }
  | { state: "ready"; playableAt: Date | null }
  | { state: "failed"; error: string; refused: boolean };

/** The dashboard's line for a video's media job. */
export function mediaState(
  job: { status: string; lastError: string | null; refused: boolean; playableAt: Date | null; createdAt: Date } | undefined,
): MediaState {
  if (!job) return { state: "none" };
  // The phone version is what students need: "ready" from then on, while 1080p may still be on its way.
  if (job.status === "ready" || (job.status !== "failed" && job.playableAt)) return { state: "ready", playableAt: job.playableAt };
  if (job.status === "failed") return { state: "failed", error: job.lastError ?? "unknown error", refused: job.refused };
  return { state: "preparing", emailsBy: job.playableAt ? null : new Date(job.createdAt.getTime() + 5 * 60_000) };
}
