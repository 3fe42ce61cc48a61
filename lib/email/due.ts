// After each delivery, the site publishes when it next has scheduled work (lib/storage/signals) — a
// queued email, or a session whose upload went quiet (a closed tab) — so the hourly sweep wakes the
// database only then. A failed write is logged, not thrown: the
// email itself is safe in the outbox, and the daily full sweep still retries it.
import { and, eq, gt, isNull, min } from "drizzle-orm";
import type { Database } from "@/db/client";
import { emailOutbox, videos } from "@/db/schema";
import type { Storage } from "@/lib/storage";
import { OUTBOX_DUE_KEY } from "@/lib/storage/signals";

/**
 * An upload action is over once its session has had no new video for this long (the tab was closed
 * before it said so): then its students are emailed (lib/riding-sessions/announce, run by the sweep).
 */
export const SESSION_QUIET_MS = 30 * 60_000;
/**
 * Only recently completed videos bring the sweep forward: one that can never be announced (its
 * media failed) must not keep a paused database awake every hour; the daily sweep covers the rest.
 */
const QUIET_LOOKBACK_MS = 2 * 60 * 60_000;

/** A finished recording whose students have not been told yet (chapters after the first go with it). */
export const awaitingAnnouncement = () => and(eq(videos.status, "ready"), eq(videos.chapter, 1), isNull(videos.announcedAt));

/**
 * The earliest queued message's next attempt, a lease that will run out, or the moment a recent
 * unannounced upload goes quiet; null when nothing waits.
 */
export async function nextOutboxDue(db: Database, now = new Date()): Promise<Date | null> {
  const [queued] = await db
    .select({ at: min(emailOutbox.nextAttemptAt) })
    .from(emailOutbox)
    .where(eq(emailOutbox.status, "queued"));
  const [leased] = await db
    .select({ at: min(emailOutbox.lockedUntil) })
    .from(emailOutbox)
    .where(eq(emailOutbox.status, "sending"));
  const [unannounced] = await db
    .select({ at: min(videos.completedAt) })
    .from(videos)
    .where(and(awaitingAnnouncement(), gt(videos.completedAt, new Date(now.getTime() - SESSION_QUIET_MS - QUIET_LOOKBACK_MS))));
  const quietAt = unannounced?.at ? new Date(new Date(unannounced.at).getTime() + SESSION_QUIET_MS) : null;
  const times = [queued?.at, leased?.at, quietAt].filter((t): t is Date => t instanceof Date);
  return times.length ? new Date(Math.min(...times.map((t) => t.getTime()))) : null;
}

export async function publishOutboxDue(ctx: { db: Database; storage: Storage; now?: () => Date }): Promise<Date | null> {
  const due = await nextOutboxDue(ctx.db, ctx.now?.());
  try {
    if (due) await ctx.storage.putText(OUTBOX_DUE_KEY, due.toISOString());
    else await ctx.storage.delete(OUTBOX_DUE_KEY);
  } catch (err) {
    console.warn("[apexshare] could not publish the outbox's next due time:", String(err));
  }
  return due;
}
