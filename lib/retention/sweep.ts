// The periodic sweep (cron): deletes expired videos (objects, then rows),
// aborts uploads left unfinished for more than a day, clears deleted videos,
// retries the outbox and prunes old rate-limit windows. Rows are claimed with
// FOR UPDATE SKIP LOCKED inside a transaction, so two sweeps running at once
// never work on the same video, and a video's row goes only after its
// objects are gone.
import { and, eq, inArray, lt, or, sql } from "drizzle-orm";
import { rateLimits, videos } from "@/db/schema";
import { audit } from "@/lib/audit";
import type { AppContext } from "@/lib/context";
import { addDays } from "@/lib/time";
import { deleteVideoObjects } from "@/lib/videos";

export interface SweepResult {
  expiredVideos: number;
  abandonedUploads: number;
  deletedVideos: number;
}

const BATCH = 50;

export async function sweepStorage(ctx: AppContext): Promise<SweepResult> {
  const { db } = ctx;
  const now = ctx.now();
  const dayAgo = addDays(now, -1);
  const result: SweepResult = { expiredVideos: 0, abandonedUploads: 0, deletedVideos: 0 };
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
      if (v.status === "uploading") result.abandonedUploads++;
      else if (v.status === "deleted") result.deletedVideos++;
      else result.expiredVideos++;
    }
    if (batch.length < BATCH) break;
  }
  await db.delete(rateLimits).where(lt(rateLimits.windowStart, sql`${dayAgo}`));
  return result;
}
