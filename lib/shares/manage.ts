// A trainer's actions on their shares and videos: revoke, extend, resend, delete.
// Each loads the share or video through the trainer's id, so another trainer's
// id is "not found".
import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { emailSuppressions, shares, users, videos, type Share, type Video } from "@/db/schema";
import { ApiError } from "@/lib/http";
import type { Storage } from "@/lib/storage/s3";
import { ownedVideo } from "@/lib/uploads/service";
import { enqueueShareEmail, type ShareContext } from "./create";
import { newShareToken } from "./tokens";
import { z } from "zod";
import { audit } from "@/lib/audit";
import { parseInput } from "@/lib/http";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NOT_FOUND = "No such share.";

export async function ownedShare(db: Database, trainerId: string, shareId: string): Promise<{ share: Share; video: Video }> {
  if (!UUID.test(shareId)) throw new ApiError(404, NOT_FOUND);
  const [row] = await db
    .select({ share: shares, video: videos })
    .from(shares)
    .innerJoin(videos, eq(videos.id, shares.videoId))
    .where(and(eq(shares.id, shareId), eq(videos.trainerId, trainerId)));
  if (!row || row.video.status === "deleted") throw new ApiError(404, NOT_FOUND);
  return row;
}

export async function revokeShare(db: Database, trainerId: string, shareId: string, now = new Date()) {
  const { share } = await ownedShare(db, trainerId, shareId);
  const [updated] = await db
    .update(shares)
    .set({ revokedAt: share.revokedAt ?? now })
    .where(eq(shares.id, share.id))
    .returning();
  await audit(db, { actorId: trainerId, action: "share.revoked", subjectType: "share", subjectId: share.id });
  return updated;
}

export const extendSchema = z.object({
  days: z.number({ error: "days must be a number." }).int().min(1, "Extend by at least 1 day.").max(30, "Extend by at most 30 days."),
});

/** Sets the link to expire `days` from now (not beyond the video's own deletion), and lifts a revocation. */
export async function extendShare(db: Database, trainerId: string, shareId: string, body: unknown, now = new Date()) {
  const { days } = parseInput(extendSchema, body);
  const { share, video } = await ownedShare(db, trainerId, shareId);
  if (video.status !== "ready") throw new ApiError(409, "The video is not ready.");
  let expiresAt = new Date(now.getTime() + days * 86_400_000);
  if (video.expiresAt && expiresAt > video.expiresAt) expiresAt = video.expiresAt;
  const [updated] = await db.update(shares).set({ expiresAt, revokedAt: null }).where(eq(shares.id, share.id)).returning();
  await audit(db, { actorId: trainerId, action: "share.extended", subjectType: "share", subjectId: share.id, details: { days, expiresAt } });
  return updated;
}

/**
 * Sends the student a fresh link. Only a hash of the old token exists, so the
 * email carries a new token and the old link stops working.
 */
export async function resendShare(db: Database, ctx: ShareContext, trainerId: string, shareId: string) {
  const now = ctx.now ?? new Date();
  const { share, video } = await ownedShare(db, trainerId, shareId);
  if (video.status !== "ready") throw new ApiError(409, "The video is not ready.");
  const [suppressed] = await db.select().from(emailSuppressions).where(eq(emailSuppressions.email, share.recipientEmail));
  if (suppressed)
    throw new ApiError(409, `${share.recipientEmail} ${suppressed.reason === "bounce" ? "bounced" : "marked our email as spam"}; we no longer email this address.`);
  const [trainer] = await db.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, trainerId));
  const { token, tokenHash } = newShareToken();
  let expiresAt = share.expiresAt > now && !share.revokedAt ? share.expiresAt : new Date(now.getTime() + video.shareExpiryDays * 86_400_000);
  // Never promise a link beyond the video's own deletion.
  if (video.expiresAt && expiresAt > video.expiresAt) expiresAt = video.expiresAt;
  return db.transaction(async (tx) => {
    const [updated] = await tx.update(shares).set({ tokenHash, revokedAt: null, expiresAt }).where(eq(shares.id, share.id)).returning();
    await enqueueShareEmail(tx, ctx, updated, video, trainer, token);
    await audit(tx, { actorId: trainerId, action: "share.resent", subjectType: "share", subjectId: share.id });
    return updated;
  });
}

/** Deletes the video's objects and revokes every link; the row stays (as "deleted") for the trainer's records until the sweep. */
export async function deleteVideo(db: Database, storage: Storage, trainerId: string, videoId: string, now = new Date()) {
  const video = await ownedVideo(db, trainerId, videoId);
  if (video.status === "uploading" && video.s3UploadId) await storage.abortMultipart(video.objectKey, video.s3UploadId);
  await storage.delete(video.objectKey);
  if (video.thumbnailKey) await storage.delete(video.thumbnailKey);
  await db.transaction(async (tx) => {
    await tx.update(videos).set({ status: "deleted", s3UploadId: null }).where(and(eq(videos.id, video.id), eq(videos.trainerId, trainerId)));
    await tx.update(shares).set({ revokedAt: now }).where(and(eq(shares.videoId, video.id), isNull(shares.revokedAt)));
    await audit(tx, { actorId: trainerId, action: "video.deleted", subjectType: "video", subjectId: video.id, details: { title: video.title } });
  });
  return { deleted: true };
}

