// Reads of a trainer's videos. Every query is scoped to the trainer who asks:
// another trainer's video id gets the same 404 as a missing one.
import { and, desc, eq, gte, inArray, isNotNull, ne, or, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { shares, uploadParts, videos, type Share, type Video } from "@/db/schema";
import type { AppContext } from "@/lib/context";
import { ApiError } from "@/lib/http";
import { addDays } from "@/lib/time";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NOT_FOUND = "No such upload.";

/** The trainer's own video, or 404 — the same answer for "missing" and "not yours". */
export async function ownedVideo(db: Database, trainerId: string, videoId: string): Promise<Video> {
  if (!UUID.test(videoId)) throw new ApiError(404, NOT_FOUND);
  const [video] = await db
    .select()
    .from(videos)
    .where(and(eq(videos.id, videoId), eq(videos.trainerId, trainerId)));
  if (!video || video.status === "deleted") throw new ApiError(404, NOT_FOUND);
  return video;
}

/** Bytes already stored per uploading video, for dashboard progress. */
export async function uploadedBytes(db: Database, videoIds: string[]): Promise<Map<string, number>> {
  if (videoIds.length === 0) return new Map();
  const rows = await db
    .select({ videoId: uploadParts.videoId, bytes: sql<string>`coalesce(sum(${uploadParts.sizeBytes}), 0)` })
    .from(uploadParts)
    .where(and(sql`${uploadParts.videoId} in ${videoIds}`, isNotNull(uploadParts.etag)))
    .groupBy(uploadParts.videoId);
  return new Map(rows.map((r) => [r.videoId, Number(r.bytes)]));
}

export interface TrainerVideo extends Video {
  uploadedBytes: number;
  /** Its session's students (a share opens every video of the session). */
  shares: Share[];
}

/** The trainer's videos, newest first, each with its session's shares (the JSON API; the dashboard lists sessions). */
export async function listTrainerVideos(db: Database, trainerId: string, limit = 200): Promise<TrainerVideo[]> {
  const rows = await db
    .select()
    .from(videos)
    // Chapters 2…N of a recording show as their chapter 1 once uploaded (until then they can be resumed or discarded).
    .where(and(eq(videos.trainerId, trainerId), ne(videos.status, "deleted"), or(eq(videos.chapter, 1), eq(videos.status, "uploading"))))
    .orderBy(desc(videos.createdAt))
    .limit(limit);
  const sessionIds = [...new Set(rows.map((v) => v.sessionId))];
  const [progress, shareRows] = await Promise.all([
    uploadedBytes(
      db,
      rows.filter((v) => v.status === "uploading").map((v) => v.id),
    ),
    sessionIds.length ? db.select().from(shares).where(inArray(shares.sessionId, sessionIds)) : Promise.resolve([] as Share[]),
  ]);
  return rows.map((v) => ({
    ...v,
    uploadedBytes: v.status === "uploading" ? (progress.get(v.id) ?? 0) : v.sizeBytes,
    shares: shareRows.filter((s) => s.sessionId === v.sessionId).sort((a, b) => a.recipientEmail.localeCompare(b.recipientEmail)),
  }));
}

/** Storage used and uploads per week (eight weeks ending this one) for the trainer's dashboard. */
export async function trainerStats(ctx: AppContext, trainerId: string) {
  const { db } = ctx;
  const now = ctx.now();
  const since = addDays(now, -8 * 7);
  const [usage] = await db
    .select({ bytes: sql<string>`coalesce(sum(${videos.sizeBytes}), 0)`, count: sql<number>`count(*)`.mapWith(Number) })
    .from(videos)
    .where(and(eq(videos.trainerId, trainerId), ne(videos.status, "deleted")));
  const recent = await db
    .select({ createdAt: videos.createdAt })
    .from(videos)
    .where(and(eq(videos.trainerId, trainerId), gte(videos.createdAt, since)));
  // Eight weekly buckets ending this week (weeks start on Monday, UTC).
  const weekStart = (d: Date) => {
    const x = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
    x.setUTCDate(x.getUTCDate() - ((x.getUTCDay() + 6) % 7));
    return x;
  };
  const thisWeek = weekStart(now);
  const weeks = Array.from({ length: 8 }, (_, i) => ({
    start: addDays(thisWeek, -(7 - i) * 7)
      .toISOString()
      .slice(0, 10),
    count: 0,
  }));
  for (const r of recent) {
    const key = weekStart(r.createdAt).toISOString().slice(0, 10);
    const w = weeks.find((x) => x.start === key);
    if (w) w.count++;
  }
  return { storageBytes: Number(usage.bytes), videoCount: usage.count, weeks };
}
