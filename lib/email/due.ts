// After each delivery, the site publishes when the outbox next has work (lib/storage/signals), so
// the hourly sweep wakes the database only then. A failed write is logged, not thrown: the
// email itself is safe in the outbox, and the daily full sweep still retries it.
import { eq, min } from "drizzle-orm";
import type { Database } from "@/db/client";
import { emailOutbox } from "@/db/schema";
import type { Storage } from "@/lib/storage";
import { OUTBOX_DUE_KEY } from "@/lib/storage/signals";

/** The earliest queued message's next attempt, or a lease that will run out; null when nothing waits. */
export async function nextOutboxDue(db: Database): Promise<Date | null> {
  const [queued] = await db
    .select({ at: min(emailOutbox.nextAttemptAt) })
    .from(emailOutbox)
    .where(eq(emailOutbox.status, "queued"));
  const [leased] = await db
    .select({ at: min(emailOutbox.lockedUntil) })
    .from(emailOutbox)
    .where(eq(emailOutbox.status, "sending"));
  const times = [queued?.at, leased?.at].filter((t): t is Date => t instanceof Date);
  return times.length ? new Date(Math.min(...times.map((t) => t.getTime()))) : null;
}

export async function publishOutboxDue(ctx: { db: Database; storage: Storage }): Promise<Date | null> {
  const due = await nextOutboxDue(ctx.db);
  try {
    if (due) await ctx.storage.putText(OUTBOX_DUE_KEY, due.toISOString());
    else await ctx.storage.delete(OUTBOX_DUE_KEY);
  } catch (err) {
    console.warn("[apexshare] could not publish the outbox's next due time:", String(err));
  }
  return due;
}
