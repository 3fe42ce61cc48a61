// Reads of a trainer's sessions, every one scoped to the trainer who asks (or, for a
// school admin's overview, to the admin's own school).
import { and, asc, count, desc, eq, exists, gte, ilike, inArray, lte, ne, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { ridingSessions, shares, users, videos, type RidingSession, type Share, type Video } from "@/db/schema";
import { assertSchoolAdmin, type SchoolMember } from "@/lib/schools";
import type { AppContext } from "@/lib/context";
import { sessionRetention, type SessionRetention } from "@/lib/shares/manage";
import { uploadedBytes } from "@/lib/videos";
import { ownedSession } from "./service";

export interface SessionVideo extends Video {
  uploadedBytes: number;
}

export interface TrainerSession {
  session: RidingSession;
  /** Every video row (chapters 2…N of a finished recording left out), in order. */
  videos: SessionVideo[];
  shares: Share[];
}

export interface SessionSearch {
  /** Student (name or email) or title. */
  q?: string;
  from?: string;
  to?: string;
  page?: number;
  perPage?: number;
}

async function withParts(db: Database, list: RidingSession[]): Promise<TrainerSession[]> {
  const ids = list.map((s) => s.id);
  if (ids.length === 0) return [];
  const [videoRows, shareRows] = await Promise.all([
    db
      .select()
      .from(videos)
      .where(and(inArray(videos.sessionId, ids), ne(videos.status, "deleted")))
      .orderBy(asc(videos.position), asc(videos.chapter), asc(videos.createdAt)),
    db.select().from(shares).where(inArray(shares.sessionId, ids)).orderBy(asc(shares.recipientEmail)),
  ]);
  // Chapters 2…N of a recording show as their chapter 1 once uploaded (until then they can be resumed or discarded).
  const shown = videoRows.filter((v) => v.chapter === 1 || v.status === "uploading");
  const progress = await uploadedBytes(
    db,
    shown.filter((v) => v.status === "uploading").map((v) => v.id),
  );
  return list.map((session) => ({
    session,
    videos: shown
      .filter((v) => v.sessionId === session.id)
      .map((v) => ({ ...v, uploadedBytes: v.status === "uploading" ? (progress.get(v.id) ?? 0) : v.sizeBytes })),
    shares: shareRows.filter((s) => s.sessionId === session.id),
  }));
}

/** The trainer's sessions, newest first, optionally searched by student, title and date range; one page. */
export function listSessions(db: Database, trainerId: string, search: SessionSearch = {}) {
  return searchSessions(db, eq(ridingSessions.trainerId, trainerId), search);
}

export interface SchoolSession extends TrainerSession {
  trainer: { name: string | null; email: string };
}

/**
 * Every session of the school, whoever made it, for its admins (the same search and pages).
 * The school is the admin's own: there is no way to ask for another school's.
 */
export async function schoolSessions(
  db: Database,
  admin: SchoolMember,
  search: SessionSearch = {},
): Promise<{ sessions: SchoolSession[]; total: number; page: number; pages: number }> {
  assertSchoolAdmin(admin);
  const found = await searchSessions(db, eq(ridingSessions.schoolId, admin.schoolId), search);
  const trainerIds = [...new Set(found.sessions.map((s) => s.session.trainerId))];
  const people = trainerIds.length
    ? await db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(inArray(users.id, trainerIds))
    : [];
  const byId = new Map(people.map((p) => [p.id, p]));
  return {
    ...found,
    sessions: found.sessions.map((s) => ({ ...s, trainer: byId.get(s.session.trainerId) ?? { name: null, email: "?" } })),
  };
}

async function searchSessions(
  db: Database,
  scope: SQL,
  search: SessionSearch,
): Promise<{ sessions: TrainerSession[]; total: number; page: number; pages: number }> {
  const perPage = Math.min(Math.max(search.perPage ?? 20, 1), 100);
  const q = search.q?.trim();
  const pattern = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const where = and(
    scope,
    search.from ? gte(ridingSessions.sessionDate, search.from) : undefined,
    search.to ? lte(ridingSessions.sessionDate, search.to) : undefined,
    pattern
      ? or(
          ilike(ridingSessions.title, pattern),
          exists(
            db
              .select({ one: sql`1` })
              .from(shares)
              .where(
                and(
                  eq(shares.sessionId, ridingSessions.id),
                  or(ilike(shares.recipientEmail, pattern), ilike(sql`coalesce(${shares.recipientName}, '')`, pattern)),
                ),
              ),
          ),
        )
      : undefined,
  );
  const [{ n }] = await db.select({ n: count() }).from(ridingSessions).where(where);
  const pages = Math.max(1, Math.ceil(n / perPage));
  const page = Math.min(Math.max(search.page ?? 1, 1), pages);
  const rows = await db
    .select()
    .from(ridingSessions)
    .where(where)
    .orderBy(desc(ridingSessions.sessionDate), desc(ridingSessions.createdAt))
    .limit(perPage)
    .offset((page - 1) * perPage);
  return { sessions: await withParts(db, rows), total: n, page, pages };
}

export interface SessionDetail extends TrainerSession {
  retention: SessionRetention;
}

/** One session with its videos, students and retention, for the session page. */
export async function sessionDetail(ctx: AppContext, trainerId: string, sessionId: string): Promise<SessionDetail> {
  const session = await ownedSession(ctx.db, trainerId, sessionId);
  const [detail] = await withParts(ctx.db, [session]);
  return { ...detail, retention: await sessionRetention(ctx.db, sessionId, ctx.config.maxRetentionDays) };
}

/** Every session of this trainer shared with this student (address), newest first: the per-student page. */
export async function studentSessions(db: Database, trainerId: string, email: string): Promise<TrainerSession[]> {
  const rows = await db
    .select({ session: ridingSessions })
    .from(ridingSessions)
    .innerJoin(shares, eq(shares.sessionId, ridingSessions.id))
    .where(and(eq(ridingSessions.trainerId, trainerId), eq(shares.recipientEmail, email.trim().toLowerCase())))
    .orderBy(desc(ridingSessions.sessionDate), desc(ridingSessions.createdAt))
    .limit(200);
  const list = await withParts(
    db,
    rows.map((r) => r.session),
  );
  // Only this student's share on each.
  return list.map((s) => ({ ...s, shares: s.shares.filter((x) => x.recipientEmail === email.trim().toLowerCase()) }));
}

/** Unfinished uploads of the trainer, for "resume" on the upload page. */
export async function unfinishedUploads(db: Database, trainerId: string) {
  const rows = await db
    .select({ video: videos, session: ridingSessions })
    .from(videos)
    .innerJoin(ridingSessions, eq(ridingSessions.id, videos.sessionId))
    .where(and(eq(videos.trainerId, trainerId), eq(videos.status, "uploading")))
    .orderBy(desc(videos.createdAt))
    .limit(100);
  const progress = await uploadedBytes(
    db,
    rows.map((r) => r.video.id),
  );
  return rows.map((r) => ({ ...r, uploadedBytes: progress.get(r.video.id) ?? 0 }));
}

/** Students this trainer has shared with before, for suggestions on the forms. */
export async function knownStudents(db: Database, trainerId: string): Promise<{ email: string; name: string | null }[]> {
  const rows = await db
    .select({ email: shares.recipientEmail, name: shares.recipientName })
    .from(shares)
    .innerJoin(ridingSessions, eq(ridingSessions.id, shares.sessionId))
    .where(eq(ridingSessions.trainerId, trainerId))
    .orderBy(desc(shares.createdAt))
    .limit(500);
  const byEmail = new Map<string, string | null>();
  for (const r of rows) if (!byEmail.has(r.email) || (!byEmail.get(r.email) && r.name)) byEmail.set(r.email, r.name);
  return [...byEmail].map(([email, name]) => ({ email, name })).sort((a, b) => a.email.localeCompare(b.email));
}
