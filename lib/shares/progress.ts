// How much of each video a student watched, from the player's progress
// beacons: the video is cut into 100 slices and the player reports the slices
// it played (bounded: at most 100 small integers a beacon). Slices are merged
// with a bitwise OR in one statement, so beacons arriving in any order or
// twice never lower the figure. 90% or more counts as "finished".
import { inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { watchProgress } from "@/db/schema";
import type { AppContext } from "@/lib/context";

export const SLICES = 100;
export const FINISHED_PERCENT = 90;

export const progressSlices = z
  .array(
    z
      .number()
      .int()
      .min(0)
      .max(SLICES - 1),
    { error: "slices must be a list of slice numbers 0–99." },
  )
  .min(1)
  .max(SLICES);

export async function recordProgress(ctx: AppContext, shareId: string, videoId: string, slices: number[]) {
  const bits = Array.from({ length: SLICES }, (_, i) => (slices.includes(i) ? "1" : "0")).join("");
  const now = ctx.now();
  const merged = sql`(${watchProgress.slices}::bit(${sql.raw(String(SLICES))}) | excluded.slices::bit(${sql.raw(String(SLICES))}))::text`;
  const percentOf = (expr: ReturnType<typeof sql>) => sql`length(replace(${expr}, '0', ''))`;
  const [row] = await ctx.db
    .insert(watchProgress)
    .values({
      shareId,
      videoId,
      slices: bits,
      percent: bits.replaceAll("0", "").length,
      finishedAt: bits.replaceAll("0", "").length >= FINISHED_PERCENT ? now : null,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: [watchProgress.shareId, watchProgress.videoId],
      set: {
        slices: merged,
        percent: percentOf(merged),
        finishedAt: sql`coalesce(${watchProgress.finishedAt}, case when ${percentOf(merged)} >= ${FINISHED_PERCENT} then ${now}::timestamptz end)`,
        updatedAt: now,
      },
    })
    .returning({ percent: watchProgress.percent, finishedAt: watchProgress.finishedAt });
  return row;
}

/** Percent watched per (share, video), for the trainer's pages (the caller scoped the shares to the trainer). */
export async function progressOf(db: Database, shareIds: string[]): Promise<Map<string, { percent: number; finishedAt: Date | null }>> {
  if (shareIds.length === 0) return new Map();
  const rows = await db.select().from(watchProgress).where(inArray(watchProgress.shareId, shareIds));
  return new Map(rows.map((r) => [`${r.shareId}:${r.videoId}`, { percent: r.percent, finishedAt: r.finishedAt }]));
}

export const progressKey = (shareId: string, videoId: string) => `${shareId}:${videoId}`;
