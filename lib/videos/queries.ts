// Trainer-side reads. Every query is scoped to the trainer who asks.
import { and, desc, eq, inArray, ne } from "drizzle-orm";
import type { Database } from "@/db/client";
import { shares, videos, type Share, type Video } from "@/db/schema";
import { uploadedBytes } from "@/lib/uploads/service";

export interface TrainerVideo extends Video {
  uploadedBytes: number;
  shares: Share[];
}

export async function listTrainerVideos(db: Database, trainerId: string, limit = 200): Promise<TrainerVideo[]> {
  const rows = await db
    .select()
    .from(videos)
    .where(and(eq(videos.trainerId, trainerId), ne(videos.status, "deleted")))
    .orderBy(desc(videos.createdAt))
    .limit(limit);
  const ids = rows.map((v) => v.id);
  const [progress, shareRows] = await Promise.all([
    uploadedBytes(db, rows.filter((v) => v.status === "uploading").map((v) => v.id)),
    ids.length ? db.select().from(shares).where(inArray(shares.videoId, ids)) : Promise.resolve([] as Share[]),
  ]);
  return rows.map((v) => ({
    ...v,
    uploadedBytes: v.status === "uploading" ? (progress.get(v.id) ?? 0) : v.sizeBytes,
    shares: shareRows.filter((s) => s.videoId === v.id).sort((a, b) => a.recipientEmail.localeCompare(b.recipientEmail)),
  }));
}

/** Students this trainer has named before, for suggestions on the upload form. */
export async function knownStudents(db: Database, trainerId: string): Promise<{ email: string; name: string | null }[]> {
  const rows = await db
    .select({ recipients: videos.recipients })
    .from(videos)
    .where(eq(videos.trainerId, trainerId))
    .orderBy(desc(videos.createdAt))
    .limit(500);
  const byEmail = new Map<string, string | null>();
  for (const r of rows) for (const s of r.recipients) if (!byEmail.has(s.email) || (!byEmail.get(s.email) && s.name)) byEmail.set(s.email, s.name);
  return [...byEmail].map(([email, name]) => ({ email, name })).sort((a, b) => a.email.localeCompare(b.email));
}
