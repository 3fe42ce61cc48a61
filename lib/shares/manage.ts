// A trainer's actions on their shares: revoke, extend, resend. Each loads the
// share through the trainer's id, so another trainer's id is "not found".
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { emailSuppressions, shares, users, videos, type Share, type Video } from "@/db/schema";
import { enforce, POLICIES } from "@/lib/rate-limit";
import { audit } from "@/lib/audit";
import type { AppContext } from "@/lib/context";
import { ApiError, parseInput } from "@/lib/http";
import { addDays, clampToVideoExpiry } from "@/lib/time";
import { enqueueShareEmail } from "./create";
import { newShareToken } from "./tokens";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NOT_FOUND = "No such share.";

async function ownedShare(db: Database, trainerId: string, shareId: string): Promise<{ share: Share; video: Video }> {
  if (!UUID.test(shareId)) throw new ApiError(404, NOT_FOUND);
  const [row] = await db
    .select({ share: shares, video: videos })
    .from(shares)
    .innerJoin(videos, eq(videos.id, shares.videoId))
    .where(and(eq(shares.id, shareId), eq(videos.trainerId, trainerId)));
  if (!row || row.video.status === "deleted") throw new ApiError(404, NOT_FOUND);
  return row;
}

export async function revokeShare(ctx: AppContext, trainerId: string, shareId: string) {
  const { db } = ctx;
  const { share } = await ownedShare(db, trainerId, shareId);
  const [updated] = await db
    .update(shares)
    .set({ revokedAt: share.revokedAt ?? ctx.now() })
    .where(eq(shares.id, share.id))
    .returning();
  await audit(db, { actorId: trainerId, action: "share.revoked", subjectType: "share", subjectId: share.id });
  return updated;
}

const extendSchema = z.object({
  days: z.number({ error: "days must be a number." }).int().min(1, "Extend by at least 1 day.").max(30, "Extend by at most 30 days."),
});

/** Sets the link to expire `days` from now (not beyond the video's own deletion), and lifts a revocation. */
export async function extendShare(ctx: AppContext, trainerId: string, shareId: string, body: unknown) {
  const { db } = ctx;
  const { days } = parseInput(extendSchema, body);
  const { share, video } = await ownedShare(db, trainerId, shareId);
  if (video.status !== "ready") throw new ApiError(409, "The video is not ready.");
  const expiresAt = clampToVideoExpiry(addDays(ctx.now(), days), video);
  const [updated] = await db.update(shares).set({ expiresAt, revokedAt: null }).where(eq(shares.id, share.id)).returning();
  await audit(db, {
    actorId: trainerId,
    action: "share.extended",
    subjectType: "share",
    subjectId: share.id,
    details: { days, expiresAt },
  });
  return updated;
}

/**
 * Sends the student a fresh link. Only a hash of the old token exists, so the
 * email carries a new token and the old link stops working.
 */
export async function resendShare(ctx: AppContext, trainerId: string, shareId: string) {
  const { db } = ctx;
  const now = ctx.now();
  const { share, video } = await ownedShare(db, trainerId, shareId);
  if (video.status !== "ready") throw new ApiError(409, "The video is not ready.");
  const [suppressed] = await db.select().from(emailSuppressions).where(eq(emailSuppressions.email, share.recipientEmail));
  if (suppressed)
    throw new ApiError(
      409,
      `${share.recipientEmail} ${suppressed.reason === "bounce" ? "bounced" : "marked our email as spam"}; we no longer email this address.`,
    );
  // One resend per link per minute, counted atomically: five clicks at once send one email.
  await enforce(db, POLICIES.resendPerShare, share.id, now);
  const [trainer] = await db.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, trainerId));
  const { token, tokenHash } = newShareToken();
  const live = share.expiresAt > now && !share.revokedAt;
  const expiresAt = clampToVideoExpiry(live ? share.expiresAt : addDays(now, video.shareExpiryDays), video);
  return db.transaction(async (tx) => {
    const [updated] = await tx.update(shares).set({ tokenHash, revokedAt: null, expiresAt }).where(eq(shares.id, share.id)).returning();
    await enqueueShareEmail(tx, ctx, updated, video, trainer, token);
    await audit(tx, { actorId: trainerId, action: "share.resent", subjectType: "share", subjectId: share.id });
    return updated;
  });
}
