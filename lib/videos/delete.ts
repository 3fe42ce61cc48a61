// A trainer deletes a video: its objects go at once, and when it was its session's last video the
// session's links are revoked; the row stays (as "deleted") for the trainer's records until the sweep.
import { and, eq, inArray } from "drizzle-orm";
import { videos } from "@/db/schema";
import { audit } from "@/lib/audit";
import type { AppContext } from "@/lib/context";
import { recordingChapters } from "@/lib/media/chapters";
import { withdrawEmptySession } from "@/lib/media/jobs";
import { deleteVideoObjects } from "./objects";
import { ownedVideo } from "./queries";

export async function deleteVideo(ctx: AppContext, trainerId: string, videoId: string) {
  const { db } = ctx;
  const video = await ownedVideo(db, trainerId, videoId);
  await deleteVideoObjects(ctx.storage, video);
  // The other chapters of a recording go with it.
  const others = (await recordingChapters(db, video)).filter((c) => c.id !== video.id);
  for (const c of others) await deleteVideoObjects(ctx.storage, c);
  await db.transaction(async (tx) => {
    if (others.length)
      await tx
        .update(videos)
        .set({ status: "deleted", s3UploadId: null })
        .where(
          and(
            inArray(
              videos.id,
              others.map((c) => c.id),
            ),
            eq(videos.trainerId, trainerId),
          ),
        );
    await tx
      .update(videos)
      .set({ status: "deleted", s3UploadId: null })
      .where(and(eq(videos.id, video.id), eq(videos.trainerId, trainerId)));
    // The session's links stay while it has another video to watch.
    await withdrawEmptySession(tx, video.sessionId, ctx.now());
    await audit(tx, {
      actorId: trainerId,
      action: "video.deleted",
      subjectType: "video",
      subjectId: video.id,
      details: { title: video.title },
    });
  });
  return { deleted: true };
}
