// The periodic sweep (cron): deletes expired videos (objects, then rows),
// aborts uploads left unfinished for more than a day, clears deleted videos
// and the sessions they leave empty, and prunes old rate-limit windows. Rows are claimed with
// FOR UPDATE SKIP LOCKED inside a transaction, so two sweeps running at once
// never work on the same video, and a video's row goes only after its
// objects are gone.
import { and, eq, inArray, lt, notExists, or, sql } from "drizzle-orm";
import { rateLimits, ridingSessions, videos } from "@/db/schema";
import { audit } from "@/lib/audit";
import type { AppContext } from "@/lib/context";
import { addDays } from "@/lib/time";
import { deleteVideoObjects } from "@/lib/videos";

export interface SweepResult {
  expiredVideos: number;
  abandonedUploads: number;
  deletedVideos: number;
  /** Sessions left without a video (their links open nothing): removed with their shares. */
  emptySessions: number;
}

const BATCH = 50;

export async function sweepStorage(ctx: AppContext): Promise<SweepResult> {
  const { db } = ctx;
  const now = ctx.now();
  const dayAgo = addDays(now, -1);
  const result: SweepResult = { expiredVideos: 0, abandonedUploads: 0, deletedVideos: 0, emptySessions: 0 };
  const emptied = new Set<string>();
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const due = await tx
        .select()
        .from(videos)
        .where(
          or(
            and(eq(videos.status, "ready"), lt(videos.expiresAt, now)),
            and(eq(videos.status, "failed"), lt(videos.createdAt, dayAgo)),
            and(eq(videos.status, "uploading"), lt(videos.createdAt, dayAgo)),
            eq(videos.status, "deleted"),
          ),
        )
        .limit(BATCH)
        .for("update", { skipLocked: true });
      for (const v of due) await deleteVideoObjects(ctx.storage, v);
      if (due.length) {
        await tx.delete(videos).where(
          inArray(
            videos.id,
            due.map((v) => v.id),
          ),
        );
        for (const v of due)
          await audit(tx, { actorId: null, action: "sweep.deleted", subjectType: "video", subjectId: v.id, details: { status: v.status } });
      }
      return due;
    });
    for (const v of batch) {
      emptied.add(v.sessionId);
      if (v.status === "uploading") result.abandonedUploads++;
      else if (v.status === "deleted") result.deletedVideos++;
      else result.expiredVideos++;
    }
    if (batch.length < BATCH) break;
  }
  // A session whose last video this sweep removed, or one left empty for a day (its uploads discarded), goes too.
  const empty = await db
    .delete(ridingSessions)
    .where(
      and(
        or(emptied.size ? inArray(ridingSessions.id, [...emptied]) : undefined, lt(ridingSessions.createdAt, dayAgo)),
        notExists(db.select({ id: videos.id }).from(videos).where(eq(videos.sessionId, ridingSessions.id))),
      ),
    )
    .returning({ id: ridingSessions.id });
  result.emptySessions = empty.length;
  await db.delete(rateLimits).where(lt(rateLimits.windowStart, sql`${dayAgo}`));
  return result;
}
