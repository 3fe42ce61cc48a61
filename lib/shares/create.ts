// A student's personal link to a riding session and the emails that carry it —
// always inside the caller's transaction, so a share's email is never lost and
// never sent twice. The token exists in the clear only in flight: the share
// keeps its SHA-256 (for lookups) and a sealed copy (AES-256-GCM under
// AUTH_SECRET) so a later "new video" email carries the same link.
import { eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { shares, type RidingSession, type Share, type Video } from "@/db/schema";
import type { AppContext } from "@/lib/context";
import { enqueueEmail } from "@/lib/email/outbox";
import { seal, unseal } from "@/lib/email/seal";
import { emailLocale, type Locale } from "@/lib/i18n";
import { addSharedStudents } from "@/lib/roster";
import { emailSchoolOfSession, type EmailSchool } from "@/lib/schools/identity";
import { newShareToken } from "./tokens";

export interface Student {
  email: string;
  name: string | null;
  /** Their emails' and link page's language; null/absent: their browser's (lib/i18n/resolve.ts). */
  language?: Locale | null;
}

export interface Trainer {
  email: string;
  name: string | null;
}

function shareUrl(appUrl: string, token: string) {
  return `${appUrl.replace(/\/$/, "")}/d/${token}`;
}

/**
 * New shares for these students. Their token is minted with the first email
 * (until then the stored hash matches no token), so nobody holds a link to a
 * session whose videos are still uploading. Students already on the session
 * are skipped (a removed one is restored by the caller). A student shared with
 * is on the school's roster from then on (lib/roster), in the same transaction.
 */
export async function createShares(tx: Tx, session: RidingSession, students: Student[], expiresAt: Date): Promise<Share[]> {
  if (students.length === 0) return [];
  await addSharedStudents(tx, session.schoolId, students);
  return tx
    .insert(shares)
    .values(newShareRows(students).map((s) => ({ ...s, sessionId: session.id, expiresAt })))
    .onConflictDoNothing()
    .returning();
}

/** What a new share stores of its student; its token hash matches no token until the first email mints one. */
export function newShareRows(students: Student[]) {
  return students.map((s) => ({
    recipientEmail: s.email.toLowerCase(),
    recipientName: s.name,
    language: s.language ?? null,
    tokenHash: newShareToken().tokenHash,
  }));
}

/** A fresh token and the share columns that keep it (its hash, its sealed copy); the old link stops working once stored. */
export function freshShareToken(ctx: AppContext) {
  const { token, tokenHash } = newShareToken();
  return { token, columns: { tokenHash, sealedToken: seal(token, ctx.config.authSecret) } };
}

/** A fresh token for the share (the old link stops working). */
export async function mintShareToken(tx: Tx, ctx: AppContext, share: Share): Promise<{ token: string; share: Share }> {
  const { token, columns } = freshShareToken(ctx);
  const [updated] = await tx.update(shares).set(columns).where(eq(shares.id, share.id)).returning();
  return { token, share: updated };
}

/** The share's current token (the one its earlier email carried), or a new one when none was kept. */
async function currentToken(tx: Tx, ctx: AppContext, share: Share): Promise<{ token: string; share: Share }> {
  if (share.sealedToken) {
    try {
      return { token: unseal(share.sealedToken, ctx.config.authSecret), share };
    } catch {
      // Sealed under an earlier AUTH_SECRET: mint a new one below.
    }
  }
  return mintShareToken(tx, ctx, share);
}

export interface SessionEmail {
  share: Share;
  session: RidingSession;
  /** The videos the email lists, in session order. */
  videos: Pick<Video, "id" | "title">[];
  trainer: Trainer;
  /** "session": the whole session (first email, resend); "new-videos": what this upload added. */
  kind: "session" | "new-videos";
  /** Hold the email until then (the media job releases it sooner). */
  notBefore?: Date;
  /** Mint a new token (resend: the old link stops working). */
  rotate?: boolean;
  /** The token the caller just stored on `share` (freshShareToken, in its own update of the share). */
  token?: string;
  /** The session's school as emails show it, when the caller already read it (one lookup for all its students). */
  school?: EmailSchool | null;
}

/** Queues one email to the share's student listing the session's videos. */
export async function enqueueSessionEmail(tx: Tx, ctx: AppContext, e: SessionEmail) {
  const { token, share } = e.token
    ? { token: e.token, share: e.share }
    : e.rotate
      ? await mintShareToken(tx, ctx, e.share)
      : await currentToken(tx, ctx, e.share);
  const school = e.school !== undefined ? e.school : await emailSchoolOfSession(tx, ctx.config.appUrl, e.session.id);
  await enqueueEmail(tx, {
    notBefore: e.notBefore,
    recipient: share.recipientEmail,
    template: "session-shared",
    shareId: share.id,
    secret: ctx.config.authSecret,
    payload: {
      // The share's language, else the school's default, else English.
      locale: emailLocale(share.language, school?.defaultLanguage),
      school: school && { name: school.name, logoUrl: school.logoUrl, replyTo: school.replyTo },
      url: shareUrl(ctx.config.appUrl, token),
      kind: e.kind,
      studentName: share.recipientName,
      trainerName: e.trainer.name,
      trainerEmail: e.trainer.email,
      sessionTitle: e.session.title,
      sessionDate: e.session.sessionDate,
      notes: e.session.notes,
      expiresAt: share.expiresAt.toISOString(),
      videos: e.videos.map((v) => ({ id: v.id, title: v.title })),
    },
  });
  return share;
}
