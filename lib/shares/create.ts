// Creating a student's personal link and queueing its email — always inside
// the caller's transaction, so a share never exists without its email or
// the other way round.
import type { Tx } from "@/db/client";
import { shares, type Share, type Video } from "@/db/schema";
import type { AppContext } from "@/lib/context";
import { enqueueEmail } from "@/lib/email/outbox";
import { addDays, clampToVideoExpiry } from "@/lib/time";
import { newShareToken } from "./tokens";

function shareUrl(appUrl: string, token: string) {
  return `${appUrl.replace(/\/$/, "")}/d/${token}`;
}

export async function createShareWithEmail(
  tx: Tx,
  ctx: AppContext,
  video: Video,
  trainer: { email: string; name: string | null },
  student: { email: string; name: string | null },
  /** Hold the email until then (the media job may release it sooner). */
  emailNotBefore?: Date,
): Promise<Share> {
  const { token, tokenHash } = newShareToken();
  const expiresAt = clampToVideoExpiry(addDays(ctx.now(), video.shareExpiryDays), video);
  const [share] = await tx
    .insert(shares)
    .values({ videoId: video.id, recipientEmail: student.email, recipientName: student.name, tokenHash, expiresAt })
    .returning();
  await enqueueShareEmail(tx, ctx, share, video, trainer, token, emailNotBefore);
  return share;
}

/** Queues the "your video" email for a share, carrying its (only ever in-flight) token. */
export async function enqueueShareEmail(
  tx: Tx,
  ctx: AppContext,
  share: Share,
  video: Video,
  trainer: { email: string; name: string | null },
  token: string,
  notBefore?: Date,
) {
  await enqueueEmail(tx, {
    notBefore,
    recipient: share.recipientEmail,
    template: "video-shared",
    shareId: share.id,
    secret: ctx.config.authSecret,
    payload: {
      url: shareUrl(ctx.config.appUrl, token),
      studentName: share.recipientName,
      trainerName: trainer.name,
      trainerEmail: trainer.email,
      videoTitle: video.title,
      sessionDate: video.sessionDate,
      notes: video.notes,
      expiresAt: share.expiresAt.toISOString(),
    },
  });
}
