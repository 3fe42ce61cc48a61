// Who may see a shared video, and what we record when they do.
// A student reaches a share either by the token in their link, or signed in
// with the address the share was sent to. Everything else gets "not found".
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { shareEvents, shares, users, videos, type Share, type Video } from "@/db/schema";
import type { AppContext } from "@/lib/context";
import { hashShareToken, isWellFormedToken } from "./tokens";

export interface SharedVideo {
  share: Share;
  video: Video;
  trainer: { name: string | null; email: string };
}

const selectShared = (db: Database) =>
  db
    .select({ share: shares, video: videos, trainer: { name: users.name, email: users.email } })
    .from(shares)
    .innerJoin(videos, eq(videos.id, shares.videoId))
    .innerJoin(users, eq(users.id, videos.trainerId));

const live = (now: Date) => and(isNull(shares.revokedAt), gt(shares.expiresAt, now), eq(videos.status, "ready"));

/**
 * The share behind a link token, or null. A malformed, unknown, expired or
 * revoked token takes the same path (hash + one indexed lookup) and gives the
 * same null, so neither the answer nor its timing tells them apart.
 */
export async function shareByToken(ctx: AppContext, token: string): Promise<SharedVideo | null> {
  const hash = hashShareToken(isWellFormedToken(token) ? token : `invalid:${token.slice(0, 100)}`);
  const [row] = await selectShared(ctx.db).where(and(eq(shares.tokenHash, hash), live(ctx.now())));
  return row ?? null;
}

/** A share seen by a signed-in student: only their own address, only live shares. */
export async function shareForStudent(ctx: AppContext, email: string, shareId: string): Promise<SharedVideo | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(shareId)) return null;
  const [row] = await selectShared(ctx.db).where(
    and(eq(shares.id, shareId), eq(shares.recipientEmail, email.toLowerCase()), live(ctx.now())),
  );
  return row ?? null;
}

/** Every live video shared with this address, newest first. */
export async function sharesForStudent(ctx: AppContext, email: string): Promise<SharedVideo[]> {
  return selectShared(ctx.db)
    .where(and(eq(shares.recipientEmail, email.toLowerCase()), live(ctx.now())))
    .orderBy(desc(videos.sessionDate), desc(shares.createdAt));
}

export type ShareEventKind = (typeof shareEvents.kind.enumValues)[number];

export async function recordShareEvent(ctx: AppContext, shareId: string, kind: ShareEventKind) {
  await ctx.db.insert(shareEvents).values({ shareId, kind, at: ctx.now() });
}
