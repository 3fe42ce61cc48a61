// When the students hear about a session's videos: once per upload action.
// A session's new (unannounced) videos are announced when nothing is being
// added to it any more — the upload page says so when its queue is done, an
// upload made without a session announces on completion, and the sweep takes
// sessions that went quiet (a closed tab) — in one email per student: the
// whole session for a student never emailed, "new videos" for the others.
// The emails wait for the phone versions (lib/media releases them).
import { and, asc, eq, inArray, isNull, lt, max } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { mediaJobs, ridingSessions, shares, uploadParts, users, videos } from "@/db/schema";
import type { AppContext } from "@/lib/context";
import { awaitingAnnouncement, SESSION_QUIET_MS } from "@/lib/email/due";
import { EMAIL_WAIT_MS } from "@/lib/media/jobs";
import { emailSchoolOfSession } from "@/lib/schools/identity";
import { enqueueSessionEmail, freshShareToken } from "@/lib/shares/create";
import { viewableVideos } from "@/lib/shares/access";
import { clampToRetention, sessionRetention } from "@/lib/shares/manage";
import { addDays } from "@/lib/time";

/** An upload action that shows no sign of life for this long is over. */
/** The upload action is over after this long without a new video or part (lib/email/due brings the sweep then). */
export const QUIET_MS = SESSION_QUIET_MS;

export interface Announcement {
  videos: number;
  emails: number;
}

/**
 * Announces the session's new videos if its upload action is over. `force`:
 * the trainer's page says the action ended (uploads it left unfinished do not hold the email).
 */
export async function announceSession(ctx: AppContext, sessionId: string, opts: { force?: boolean } = {}): Promise<Announcement> {
  return ctx.db.transaction((tx) => announceIn(tx, ctx, sessionId, opts));
}

export async function announceIn(tx: Tx, ctx: AppContext, sessionId: string, opts: { force?: boolean } = {}): Promise<Announcement> {
  const none = { videos: 0, emails: 0 };
  const now = ctx.now();
  // One announcer per session at a time: two completions at once agree on who sends.
  // Its trainer (the emails' sender) in the same statement.
  const [row] = await tx
    .select({ session: ridingSessions, trainer: { email: users.email, name: users.name } })
    .from(ridingSessions)
    .innerJoin(users, eq(users.id, ridingSessions.trainerId))
    .where(eq(ridingSessions.id, sessionId))
    .for("update", { of: ridingSessions });
  if (!row) return none;
  const { session, trainer } = row;
  const rows = await tx.select().from(videos).where(eq(videos.sessionId, sessionId));
  if (!opts.force) {
    const uploading = rows.filter((v) => v.status === "uploading");
    if (session.uploadOpenedAt || uploading.length) {
      const [parts] = uploading.length
        ? await tx
            .select({ at: max(uploadParts.uploadedAt) })
            .from(uploadParts)
            .where(
              inArray(
                uploadParts.videoId,
                uploading.map((v) => v.id),
              ),
            )
        : [{ at: null }];
      const times = [session.uploadOpenedAt, parts.at, ...rows.flatMap((v) => [v.createdAt, v.completedAt])].filter((d): d is Date => !!d);
      const last = Math.max(...times.map((d) => new Date(d).getTime()));
      if (last > now.getTime() - QUIET_MS) return none; // still going
    }
  }
  if (session.uploadOpenedAt) await tx.update(ridingSessions).set({ uploadOpenedAt: null }).where(eq(ridingSessions.id, sessionId));

  const viewable = (await viewableVideos(tx, [sessionId])).get(sessionId) ?? [];
  const pending = viewable.filter((v) => !v.announcedAt);
  if (pending.length === 0) return none;
  await tx
    .update(videos)
    .set({ announcedAt: now })
    .where(
      inArray(
        videos.id,
        pending.map((v) => v.id),
      ),
    );

  // Hold the emails while a phone version is being made (5 minutes after the last upload at most).
  const jobs = await tx
    .select({ status: mediaJobs.status, playableAt: mediaJobs.playableAt })
    .from(mediaJobs)
    .where(
      inArray(
        mediaJobs.videoId,
        pending.map((v) => v.id),
      ),
    );
  const preparing = jobs.some((j) => (j.status === "queued" || j.status === "running") && !j.playableAt);
  const lastCompleted = Math.max(...pending.map((v) => (v.completedAt ?? now).getTime()));
  const holdUntil = new Date(lastCompleted + EMAIL_WAIT_MS);
  const notBefore = preparing && holdUntil > now ? holdUntil : now;

  const retention = await sessionRetention(tx, sessionId, ctx.config.maxRetentionDays);
  const students = await tx
    .select()
    .from(shares)
    .where(and(eq(shares.sessionId, sessionId), isNull(shares.revokedAt)))
    .orderBy(asc(shares.createdAt));
  // The school as the emails show it: read once for all the students.
  const school = students.length ? await emailSchoolOfSession(tx, ctx.config.appUrl, sessionId) : null;
  let emails = 0;
  for (const share of students) {
    if (!share.emailedAt) {
      // The first email: its link's lifetime starts now, and its token is minted in the same update.
      const expiresAt = clampToRetention(addDays(now, session.shareExpiryDays), retention);
      const { token, columns } = freshShareToken(ctx);
      const [first] = await tx
        .update(shares)
        .set({ emailedAt: now, expiresAt, ...columns })
        .where(eq(shares.id, share.id))
        .returning();
      await enqueueSessionEmail(tx, ctx, { share: first, session, videos: viewable, trainer, kind: "session", notBefore, token, school });
    } else {
      // An expired link gets no news; the trainer extends or resends it.
      if (share.expiresAt <= now) continue;
      await enqueueSessionEmail(tx, ctx, { share, session, videos: pending, trainer, kind: "new-videos", notBefore, school });
    }
    emails++;
  }
  return { videos: pending.length, emails };
}

/** The sweep's part: sessions with new videos whose upload action went quiet (a closed tab). */
export async function announceQuietSessions(ctx: AppContext, limit = 100): Promise<number> {
  const due = await ctx.db
    .selectDistinct({ sessionId: videos.sessionId })
    .from(videos)
    .where(and(awaitingAnnouncement(), lt(videos.completedAt, new Date(ctx.now().getTime() - QUIET_MS))))
    .limit(limit);
  let announced = 0;
  for (const { sessionId } of due) if ((await announceSession(ctx, sessionId)).videos > 0) announced++;
  return announced;
}
