// The trainer's daily digest, sent by the sweep: who opened, watched or
// downloaded what since the last digest, and whose email bounced. Once per
// trainer per UTC day (a row claims the day in the same transaction as the
// email), nothing when there is nothing to say, never to a trainer who opted out.
import { and, asc, eq, gt, inArray, isNull, lte, max } from "drizzle-orm";
import { emailSuppressions, ridingSessions, shareEvents, shares, trainerDigests, users, videos } from "@/db/schema";
import type { AppContext } from "@/lib/context";
import { enqueueNotice } from "@/lib/email/outbox";
import { emailLocale } from "@/lib/i18n";
import { addDays } from "@/lib/time";

const DID: Record<string, string> = { view: "opened", play: "watched", download: "downloaded" };

export async function sendDailyDigests(ctx: AppContext): Promise<number> {
  const now = ctx.now();
  const day = now.toISOString().slice(0, 10);
  const trainers = await ctx.db
    .select({ id: users.id, email: users.email, name: users.name, language: users.language })
    .from(users)
    .where(and(inArray(users.role, ["trainer", "admin"]), eq(users.digestOptOut, false), isNull(users.deactivatedAt)));
  let sent = 0;
  for (const trainer of trainers) {
    const queued = await ctx.db.transaction(async (tx) => {
      const [prev] = await tx
        .select({ at: max(trainerDigests.coveredUntil) })
        .from(trainerDigests)
        .where(eq(trainerDigests.trainerId, trainer.id));
      const since = prev?.at ?? addDays(now, -1);
      const [claimed] = await tx
        .insert(trainerDigests)
        .values({ trainerId: trainer.id, day, coveredUntil: now, sent: false })
        .onConflictDoNothing()
        .returning();
      if (!claimed) return false; // today's digest is done
      const events = await tx
        .select({
          kind: shareEvents.kind,
          email: shares.recipientEmail,
          name: shares.recipientName,
          session: ridingSessions.title,
          video: videos.title,
        })
        .from(shareEvents)
        .innerJoin(shares, eq(shares.id, shareEvents.shareId))
        .innerJoin(ridingSessions, eq(ridingSessions.id, shares.sessionId))
        .leftJoin(videos, eq(videos.id, shareEvents.videoId))
        .where(and(eq(ridingSessions.trainerId, trainer.id), gt(shareEvents.at, since), lte(shareEvents.at, now)))
        .orderBy(asc(shareEvents.at));
      const bounced = await tx
        .selectDistinct({ email: emailSuppressions.email })
        .from(emailSuppressions)
        .innerJoin(shares, eq(shares.recipientEmail, emailSuppressions.email))
        .innerJoin(ridingSessions, eq(ridingSessions.id, shares.sessionId))
        .where(
          and(
            eq(ridingSessions.trainerId, trainer.id),
            eq(emailSuppressions.reason, "bounce"),
            gt(emailSuppressions.at, since),
            lte(emailSuppressions.at, now),
          ),
        );
      if (events.length === 0 && bounced.length === 0) return false;
      // One line per student and video: what they did with it.
      const lines = new Map<string, { student: string; session: string; video: string | null; did: string[] }>();
      for (const e of events) {
        const key = `${e.email}|${e.session}|${e.video}`;
        const line = lines.get(key) ?? {
          student: e.name ? `${e.name} (${e.email})` : e.email,
          session: e.session,
          video: e.video,
          did: [],
        };
        if (!line.did.includes(DID[e.kind])) line.did.push(DID[e.kind]);
        lines.set(key, line);
      }
      await enqueueNotice(tx, {
        recipient: trainer.email,
        template: "trainer-digest",
        payload: {
          locale: emailLocale(trainer.language),
          path: "/trainer",
          trainerName: trainer.name,
          day,
          activity: [...lines.values()].slice(0, 200),
          bounced: bounced.map((b) => b.email),
        },
      });
      await tx
        .update(trainerDigests)
        .set({ sent: true })
        .where(and(eq(trainerDigests.trainerId, trainer.id), eq(trainerDigests.day, day)));
      return true;
    });
    if (queued) sent++;
  }
  return sent;
}

/** The dashboard's switch: the daily digest on or off for this trainer. */
export async function setDigest(ctx: AppContext, trainerId: string, on: boolean) {
  await ctx.db.update(users).set({ digestOptOut: !on }).where(eq(users.id, trainerId));
  return { digest: on };
}
