// Named time arithmetic, so a day is written once. The clock itself is the
// AppContext's `now()` (lib/context): tests move time by giving another one.

export const DAY_MS = 86_400_000;

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

/** A student's link never outlives the video it opens (retention may be shorter than the link's lifetime). */
export function clampToVideoExpiry(linkExpiresAt: Date, video: { expiresAt: Date | null }): Date {
  return video.expiresAt && linkExpiresAt > video.expiresAt ? video.expiresAt : linkExpiresAt;
}
