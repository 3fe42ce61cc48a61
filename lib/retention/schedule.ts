// When the scheduled sweep needs the site — and so the database: once a day (retention, abandoned
// uploads, media re-dispatch), and whenever the outbox has a message due (lib/email/due). Otherwise
// it leaves a paused Aurora asleep: every wake costs ~6 minutes of capacity (README, cost).
const DAY_MS = 24 * 3600_000;
// An hourly schedule drifts by seconds: a run a few minutes short of a day still counts as a day.
const SLACK_MS = 10 * 60_000;

export type SweepReason = "daily" | "outbox-due" | "signals-unreadable";

export function sweepReason(now: Date, signals: { outboxDue: Date | null; lastFullSweep: Date | null }): SweepReason | null {
  const { outboxDue, lastFullSweep } = signals;
  if (!lastFullSweep || now.getTime() - lastFullSweep.getTime() >= DAY_MS - SLACK_MS) return "daily";
  if (outboxDue && outboxDue.getTime() <= now.getTime()) return "outbox-due";
  return null;
}

/** A stored ISO time; an unparsable one reads as "long ago", so it never stops a sweep. */
export function parseSignal(text: string | null): Date | null {
  if (text === null) return null;
  const t = new Date(text.trim());
  return Number.isNaN(t.getTime()) ? new Date(0) : t;
}
