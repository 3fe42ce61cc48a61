// GoPro chapters uploaded as one video: each chapter is a `videos` row with the
// same recording key (and trainer); chapter 1 is the video students see.
import { and, asc, eq } from "drizzle-orm";
import type { Database, Tx } from "@/db/client";
import { videos, type Video } from "@/db/schema";

/** Every chapter of the recording `video` belongs to, in order (just the video itself when it has no chapters). */
export async function recordingChapters(db: Database | Tx, video: Video, opts: { lock?: boolean } = {}): Promise<Video[]> {
  if (!video.recordingKey) return [video];
  const q = db
    .select()
    .from(videos)
    .where(and(eq(videos.trainerId, video.trainerId), eq(videos.recordingKey, video.recordingKey)))
    .orderBy(asc(videos.chapter));
  return opts.lock ? q.for("update") : q;
}

/** True when every chapter 1…N is uploaded (status ready). */
export function recordingComplete(chapters: Video[]): boolean {
  const count = chapters[0]?.chapterCount ?? 0;
  return chapters.length === count && chapters.every((c, i) => c.chapter === i + 1 && c.status === "ready");
}

/** The original to download: the video's own, or chapter `n` of its recording (?chapter=n). Null for a chapter that does not exist. */
export async function chapterOriginal(db: Database, video: Video, chapterParam: string | null): Promise<Video | null> {
  if (!chapterParam || chapterParam === "1" || !video.recordingKey) return chapterParam && chapterParam !== "1" ? null : video;
  const n = Number(chapterParam);
  if (!Number.isInteger(n) || n < 1) return null;
  const chapter = (await recordingChapters(db, video)).find((c) => c.chapter === n && c.status === "ready");
  return chapter ?? null;
}
