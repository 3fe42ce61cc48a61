// A trainer's actions on their students' links: revoke, change expiry, resend.
// Each loads the share through the trainer's id, so another trainer's id is
// "not found".
import { and, asc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Tx } from "@/db/client";
import { emailSuppressions, ridingSessions, shares, users, videos, type RidingSession, type Share } from "@/db/schema";
import { enforce, POLICIES } from "@/lib/rate-limit";
import { audit } from "@/lib/audit";
import type { AppContext } from "@/lib/context";
import { ApiError, parseInput } from "@/lib/http";
import { addDays } from "@/lib/time";
import { enqueueSessionEmail } from "./create";
import { viewableVideos } from "./access";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NOT_FOUND = "No such share.";

export async function ownedShare(db: Database, trainerId: string, shareId: string): Promise<{ share: Share; session: RidingSession }> {
  if (!UUID.test(shareId)) throw new ApiError(404, NOT_FOUND);
  const [row] = await db
    .select({ share: shares, session: ridingSessions })
    .from(shares)
    .innerJoin(ridingSessions, eq(ridingSessions.id, shares.sessionId))
    .where(and(eq(shares.id, shareId), eq(ridingSessions.trainerId, trainerId)));
  if (!row) throw new ApiError(404, NOT_FOUND);
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

// ── Retention: a link never outlives the videos it opens ─────────────────────

export interface SessionRetention {
  /** When the session's last uploaded video is deleted (null: nothing uploaded yet). */
  endsAt: Date | null;
  /** The latest the trainer may keep the session to (first upload + MAX_RETENTION_DAYS). */
  maxEndsAt: Date | null;
}

export async function sessionRetention(db: Database | Tx, sessionId: string, maxRetentionDays: number): Promise<SessionRetention> {
  const [row] = await db
    .select({
      endsAt: sql<string | null>`max(${videos.expiresAt})`,
      firstCompleted: sql<string | null>`min(${videos.completedAt})`,
    })
    .from(videos)
    .where(and(eq(videos.sessionId, sessionId), eq(videos.status, "ready"), isNotNull(videos.expiresAt)));
  const endsAt = row?.endsAt ? new Date(row.endsAt) : null;
  const first = row?.firstCompleted ? new Date(row.firstCompleted) : null;
  return { endsAt, maxEndsAt: first ? addDays(first, maxRetentionDays) : null };
}

/** A link's end, held inside the session's retention. */
export function clampToRetention(at: Date, retention: SessionRetention): Date {
  return retention.endsAt && at > retention.endsAt ? retention.endsAt : at;
}

export const expirySchema = z.discriminatedUnion("action", [
  z.object({
    action: z.literal("extend"),
    days: z.number({ error: "days must be a number." }).int().min(1, "Extend by at least 1 day.").max(90, "Extend by at most 90 days."),
    keepLonger: z.boolean().default(false),
  }),
  z.object({ action: z.literal("expire") }),
  z.object({
    action: z.literal("until"),
    until: z.iso.date("Use a date like 2026-12-31."),
    keepLonger: z.boolean().default(false),
  }),
]);

export interface ExpiryResult {
  share: Share;
  /** The date asked for went past the videos' deletion and was held to it. */
  heldToRetention: boolean;
  retentionEndsAt: Date | null;
}

/**
 * "extend by N days" only ever lengthens: N days from the later of now and the
 * current end. "until" sets an end date (the end of that day, UTC); "expire"
 * ends the link now. A link never outlives the session's videos: past their
 * deletion the end is held to it, unless the trainer asks to keep the session
 * longer — then the videos are kept too, up to MAX_RETENTION_DAYS after upload.
 * Extending or setting a date lifts a revocation.
 */
export async function changeShareExpiry(ctx: AppContext, trainerId: string, shareId: string, body: unknown): Promise<ExpiryResult> {
  const input = parseInput(expirySchema, body);
  const now = ctx.now();
  const { share, session } = await ownedShare(ctx.db, trainerId, shareId);
  return ctx.db.transaction(async (tx) => {
    if (input.action === "expire") {
      const [updated] = await tx.update(shares).set({ expiresAt: now }).where(eq(shares.id, share.id)).returning();
      await audit(tx, { actorId: trainerId, action: "share.expired", subjectType: "share", subjectId: share.id });
      return { share: updated, heldToRetention: false, retentionEndsAt: null };
    }
    const retention = await sessionRetention(tx, session.id, Math.max(ctx.config.maxRetentionDays, ctx.config.retentionDays));
    if (!retention.endsAt) throw new ApiError(409, "This session has no uploaded video yet.");
    let endsAt = retention.endsAt;
    let wanted: Date;
    if (input.action === "extend") {
      const from = share.expiresAt > now ? share.expiresAt : now;
      wanted = addDays(from, input.days);
    } else {
      wanted = new Date(`${input.until}T23:59:59.999Z`);
      if (wanted <= now) throw new ApiError(400, "Choose a date in the future, or use “Expire now”.");
    }
    if (input.keepLonger && wanted > endsAt) {
      const keepTo = retention.maxEndsAt && wanted > retention.maxEndsAt ? retention.maxEndsAt : wanted;
      // Only ever later: a video kept longer is never shortened by this.
      await tx
        .update(videos)
        .set({ expiresAt: sql`greatest(${videos.expiresAt}, ${keepTo})` })
        .where(and(eq(videos.sessionId, session.id), inArray(videos.status, ["ready"])));
      await audit(tx, { actorId: trainerId, action: "session.kept", subjectType: "session", subjectId: session.id, details: { keepTo } });
      if (keepTo > endsAt) endsAt = keepTo;
    }
    const expiresAt = wanted > endsAt ? endsAt : wanted;
    // "Extend" never shortens — and a link never outlives its videos: when their deletion was brought
    // before the link's end, say so rather than do either.
    if (input.action === "extend" && expiresAt < share.expiresAt)
      throw new ApiError(
        409,
        `The videos are deleted on ${endsAt.toISOString().slice(0, 10)}, before this link ends; tick “keep the videos longer” to extend it.`,
      );
    const [updated] = await tx.update(shares).set({ expiresAt, revokedAt: null }).where(eq(shares.id, share.id)).returning();
    await audit(tx, {
      actorId: trainerId,
      action: "share.extended",
      subjectType: "share",
      subjectId: share.id,
      details: { ...input, expiresAt },
    });
    return { share: updated, heldToRetention: expiresAt.getTime() < wanted.getTime(), retentionEndsAt: endsAt };
  });
}

/** The old route's body ({ days }): "extend by N days". */
export async function extendShare(ctx: AppContext, trainerId: string, shareId: string, body: unknown) {
  const { days } = parseInput(z.object({ days: z.unknown() }), body);
  return changeShareExpiry(ctx, trainerId, shareId, { action: "extend", days });
}

/**
 * Sends the student a fresh link to the whole session. Only a sealed copy of
 * the old token exists; resend mints a new one, so the old link stops working
 * (what a trainer wants when an email went to the wrong place).
 */
export async function resendShare(ctx: AppContext, trainerId: string, shareId: string) {
  const { db } = ctx;
  const now = ctx.now();
  const { share, session } = await ownedShare(db, trainerId, shareId);
  const list = (await viewableVideos(db, [session.id])).get(session.id) ?? [];
  if (list.length === 0) throw new ApiError(409, "This session has no uploaded video yet.");
  const [suppressed] = await db.select().from(emailSuppressions).where(eq(emailSuppressions.email, share.recipientEmail));
  if (suppressed)
    throw new ApiError(
      409,
      `${share.recipientEmail} ${suppressed.reason === "bounce" ? "bounced" : "marked our email as spam"}; we no longer email this address.`,
    );
  // One resend per link per minute, counted atomically: five clicks at once send one email.
  await enforce(db, POLICIES.resendPerShare, share.id, now);
  const [trainer] = await db.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, trainerId));
  const retention = await sessionRetention(db, session.id, ctx.config.maxRetentionDays);
  const live = share.expiresAt > now && !share.revokedAt;
  const expiresAt = clampToRetention(live ? share.expiresAt : addDays(now, session.shareExpiryDays), retention);
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(shares)
      .set({ revokedAt: null, expiresAt, emailedAt: share.emailedAt ?? now })
      .where(eq(shares.id, share.id))
      .returning();
    const sent = await enqueueSessionEmail(tx, ctx, { share: updated, session, videos: list, trainer, kind: "session", rotate: true });
    await audit(tx, { actorId: trainerId, action: "share.resent", subjectType: "share", subjectId: share.id });
    return sent;
  });
}

export const sharesOfSession = (db: Database | Tx, sessionId: string) =>
  db.select().from(shares).where(eq(shares.sessionId, sessionId)).orderBy(asc(shares.recipientEmail));
