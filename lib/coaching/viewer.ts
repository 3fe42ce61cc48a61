// Who a coaching viewer is. The ONE place that maps "a student's credential" to
// (video, student address) and lists a video's students: everything else in
// lib/coaching keys on the video id and the student's email, so a change in how
// videos are shared (shares today) is adjusted here only.
import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { ridingSessions, shares, videos, type Share, type Video } from "@/db/schema";
import type { AppContext } from "@/lib/context";
import { studentMaySeeVideo } from "@/lib/shares";

/** How a student proves who they are (their link's token, or their signed-in address + share id), and the video they mean. */
export type StudentCredential = ({ token: string } | { shareId: string; signedInEmail: string | null }) & { videoId: string };

export interface StudentViewer {
  video: Video;
  studentEmail: string;
  /** Where their "new feedback" and answer emails point (/student/videos/<shareId>). */
  shareId: string;
}

/** The student behind a credential, or null: the same null for every kind of refusal. */
export async function studentViewer(ctx: AppContext, cred: StudentCredential): Promise<StudentViewer | null> {
  const who = "token" in cred ? { token: cred.token } : cred.signedInEmail ? { email: cred.signedInEmail, shareId: cred.shareId } : null;
  const found = who ? await studentMaySeeVideo(ctx, who, cred.videoId) : null;
  return found ? viewerOfShare(found) : null;
}

export interface VideoStudent {
  email: string;
  name: string | null;
  shareId: string;
  /** The language the trainer chose for this student (their emails), null: not chosen. */
  language: string | null;
}

/** The students a video is shared with (links withdrawn excluded): the audience of "all students". */
export async function studentsOfVideo(db: Database, videoId: string): Promise<VideoStudent[]> {
  const rows = await db
    .select({ email: shares.recipientEmail, name: shares.recipientName, shareId: shares.id, language: shares.language })
    .from(shares)
    .innerJoin(videos, eq(videos.sessionId, shares.sessionId))
    .where(and(eq(videos.id, videoId), isNull(shares.revokedAt)));
  return rows.sort((a, b) => a.email.localeCompare(b.email));
}

/**
 * Whether the student's first email about this video has gone out. Notes written
 * before it are seen when they first open the video; only later ones are "new feedback".
 */
export async function studentWasEmailed(db: Database, shareId: string): Promise<boolean> {
  const [row] = await db.select({ emailedAt: shares.emailedAt }).from(shares).where(eq(shares.id, shareId));
  return !!row?.emailedAt;
}

/** The viewer behind a share the page has already looked up (its token or signed-in check passed). */
export function viewerOfShare(found: { share: Share; video: Video }): StudentViewer {
  return { video: found.video, studentEmail: found.share.recipientEmail, shareId: found.share.id };
}

/** The date of the riding session a video belongs to (what emails and the trainer's page show). */
export async function sessionDateOf(db: Database, video: Video): Promise<string> {
  const [row] = await db
    .select({ sessionDate: ridingSessions.sessionDate })
    .from(ridingSessions)
    .where(eq(ridingSessions.id, video.sessionId));
  return row?.sessionDate ?? "";
}
