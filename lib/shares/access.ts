// Who may see a shared riding session, and what we record when they do.
// A student reaches a share either by the token in their link, or signed in
// with the address the share was sent to. Everything else gets "not found".
// `studentMaySeeVideo` is the one question other features ask ("may this
// student see video X?").
import { and, asc, desc, eq, gt, inArray, isNull, sql, type Placeholder } from "drizzle-orm";
import type { Database, Tx } from "@/db/client";
import { ridingSessions, schools, shareEvents, shares, users, videos, type RidingSession, type Share, type Video } from "@/db/schema";
import type { AppContext } from "@/lib/context";
import { preparedStatement } from "@/lib/database/prepared";
import { enforceCount, hitParams, preparedHitCte, type Policy } from "@/lib/rate-limit";
import { hashShareToken, isWellFormedToken } from "./tokens";

export interface SharedSession {
  share: Share;
  session: RidingSession;
  /** What the student can open: the session's uploaded videos (a recording as its chapter 1), in order. */
  videos: Video[];
  trainer: { name: string | null; email: string };
  /** The school the session belongs to: its name and logo head the student's page, its language is their fallback. */
  school: SharedSchool;
}

export interface SharedSchool {
  id: string;
  name: string;
  logoKey: string | null;
  defaultLanguage: string;
}

// Read with the share in the same statement: the student's page costs no extra round trip.
const schoolColumns = { id: schools.id, name: schools.name, logoKey: schools.logoKey, defaultLanguage: schools.defaultLanguage };

/** A student, as the request identifies them: by their link's token or signed in with their address. */
export type StudentIdentity = { token: string } | { email: string; shareId?: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const liveShare = (now: Date | Placeholder) => and(isNull(shares.revokedAt), gt(shares.expiresAt, now));

/** The videos a student sees in these sessions: uploaded, a recording only as its chapter 1 (once whole), in order. */
export async function viewableVideos(db: Database | Tx, sessionIds: string[]): Promise<Map<string, Video[]>> {
  const out = new Map<string, Video[]>(sessionIds.map((id) => [id, []]));
  if (sessionIds.length === 0) return out;
  const rows = await db
    .select()
    .from(videos)
    .where(and(inArray(videos.sessionId, sessionIds), eq(videos.status, "ready")))
    .orderBy(asc(videos.position), asc(videos.chapter), asc(videos.createdAt));
  for (const v of viewable(rows)) out.get(v.sessionId)?.push(v);
  return out;
}

/** Of a session's ready videos in order: each video, a recording only as its chapter 1 and only once every chapter is there. */
function viewable(rows: Video[]): Video[] {
  return rows.filter((v) => {
    if (v.chapter !== 1) return false;
    if (v.chapterCount <= 1) return true;
    const chapters = rows.filter((c) => c.recordingKey === v.recordingKey && c.trainerId === v.trainerId);
    return chapters.length === v.chapterCount; // else the recording is not whole yet
  });
}

// One share's session (a signed-in student's page, their beacons) reads one session's videos: prepared
// (lib/database/prepared), the same rows and order as `viewableVideos`. A link by token gets them in its
// own statement (`shareByTokenStatement`).
const sessionVideosStatement = preparedStatement((db: Database) =>
  db
    .select()
    .from(videos)
    .where(and(eq(videos.sessionId, sql.placeholder("sessionId")), eq(videos.status, "ready")))
    .orderBy(asc(videos.position), asc(videos.chapter), asc(videos.createdAt))
    .prepare("shared_session_videos"),
);

async function withVideos(db: Database, rows: Omit<SharedSession, "videos">[]): Promise<SharedSession[]> {
  const byId =
    rows.length === 1
      ? new Map([[rows[0].session.id, viewable(await sessionVideosStatement(db).execute({ sessionId: rows[0].session.id }))]])
      : await viewableVideos(
          db,
          rows.map((r) => r.session.id),
        );
  // A session with nothing left to watch (all refused or deleted) is a dead link.
  return rows.map((r) => ({ ...r, videos: byId.get(r.session.id) ?? [] })).filter((r) => r.videos.length > 0);
}

const selectShared = (db: Database) =>
  db
    .select({ share: shares, session: ridingSessions, trainer: { name: users.name, email: users.email }, school: schoolColumns })
    .from(shares)
    .innerJoin(ridingSessions, eq(ridingSessions.id, shares.sessionId))
    .innerJoin(users, eq(users.id, ridingSessions.trainerId))
    .innerJoin(schools, eq(schools.id, ridingSessions.schoolId));

/** The hash looked up for a token: a malformed one is hashed too (the same work), and matches nothing. */
const lookupHash = (token: string) => hashShareToken(isWellFormedToken(token) ? token : `invalid:${token.slice(0, 100)}`);

// A link's session with its videos in one statement: the videos are left-joined (one row per ready video,
// in the student's order; one row with no video when none is ready), so a link costs one round trip.
const shareByTokenStatement = preparedStatement((db: Database) =>
  db
    .select({
      share: shares,
      session: ridingSessions,
      trainer: { name: users.name, email: users.email },
      school: schoolColumns,
      video: videos,
    })
    .from(shares)
    .innerJoin(ridingSessions, eq(ridingSessions.id, shares.sessionId))
    .innerJoin(users, eq(users.id, ridingSessions.trainerId))
    .innerJoin(schools, eq(schools.id, ridingSessions.schoolId))
    .leftJoin(videos, and(eq(videos.sessionId, ridingSessions.id), eq(videos.status, "ready")))
    .where(and(eq(shares.tokenHash, sql.placeholder("hash")), liveShare(sql.placeholder("now"))))
    .orderBy(asc(videos.position), asc(videos.chapter), asc(videos.createdAt))
    .prepare("share_by_token"),
);

/** The rows of a link lookup (one per joined video) as the session the student sees, or null for a dead link. */
function sharedFromRows(
  rows: {
    share: Share | null;
    session: RidingSession | null;
    trainer: { name: string | null; email: string | null } | null;
    school: { id: string | null; name: string | null; logoKey: string | null; defaultLanguage: string | null } | null;
    video: Video | null;
  }[],
): SharedSession | null {
  const [first] = rows;
  if (!first?.share || !first.session || !first.trainer?.email || !first.school?.id) return null;
  const list = viewable(rows.flatMap((r) => (r.video ? [r.video] : [])));
  // A session with nothing left to watch (all refused or deleted) is a dead link.
  if (list.length === 0) return null;
  return {
    share: first.share,
    session: first.session,
    trainer: first.trainer as SharedSession["trainer"],
    school: first.school as SharedSchool,
    videos: list,
  };
}

/**
 * The session behind a link token, or null. A malformed, unknown, expired or
 * revoked token takes the same path (hash + one indexed lookup) and gives the
 * same null, so neither the answer nor its timing tells them apart.
 */
export async function sessionByToken(ctx: AppContext, token: string): Promise<SharedSession | null> {
  return sharedFromRows(await shareByTokenStatement(ctx.db).execute({ hash: lookupHash(token), now: ctx.now() }));
}

const limitedShareByTokenStatement = preparedStatement((db: Database) => {
  const hits = preparedHitCte(db);
  return db
    .with(hits)
    .select({
      hits: hits.count,
      share: shares,
      session: ridingSessions,
      trainer: { name: users.name, email: users.email },
      school: schoolColumns,
      video: videos,
    })
    .from(hits)
    .leftJoin(shares, and(eq(shares.tokenHash, sql.placeholder("hash")), liveShare(sql.placeholder("now"))))
    .leftJoin(ridingSessions, eq(ridingSessions.id, shares.sessionId))
    .leftJoin(users, eq(users.id, ridingSessions.trainerId))
    .leftJoin(schools, eq(schools.id, ridingSessions.schoolId))
    .leftJoin(videos, and(eq(videos.sessionId, ridingSessions.id), eq(videos.status, "ready")))
    .orderBy(asc(videos.position), asc(videos.chapter), asc(videos.createdAt))
    .prepare("share_by_token_limited");
});

/**
 * `sessionByToken` for the download redirect, with the per-address limit counted in the same
 * statement (one round trip for the limit, the share and its videos): throws the 429 when over it,
 * found or not.
 */
export async function sessionByTokenLimited(ctx: AppContext, token: string, limit: { policy: Policy; subject: string }) {
  const now = ctx.now();
  const rows = await limitedShareByTokenStatement(ctx.db).execute({
    hash: lookupHash(token),
    now,
    ...hitParams(limit.policy, limit.subject, now),
  });
  enforceCount(limit.policy, rows[0].hits, now);
  return sharedFromRows(rows);
}

/** A share seen by a signed-in student: only their own address, only live shares. */
export async function sessionForStudent(ctx: AppContext, email: string, shareId: string): Promise<SharedSession | null> {
  if (!UUID.test(shareId)) return null;
  const rows = await selectShared(ctx.db).where(
    and(eq(shares.id, shareId), eq(shares.recipientEmail, email.toLowerCase()), liveShare(ctx.now())),
  );
  const [found] = await withVideos(ctx.db, rows);
  return found ?? null;
}

/** Every live session shared with this address, newest session first. */
export async function sessionsForStudent(ctx: AppContext, email: string): Promise<SharedSession[]> {
  const rows = await selectShared(ctx.db)
    .where(and(eq(shares.recipientEmail, email.toLowerCase()), liveShare(ctx.now())))
    .orderBy(desc(ridingSessions.sessionDate), desc(ridingSessions.createdAt));
  return withVideos(ctx.db, rows);
}

/** The student's session, by token or by signed-in address (+ share id). */
export async function sessionForIdentity(ctx: AppContext, who: StudentIdentity): Promise<SharedSession | null> {
  if ("token" in who) return sessionByToken(ctx, who.token);
  return who.shareId ? sessionForStudent(ctx, who.email, who.shareId) : null;
}

/**
 * May this student see video X? The share that grants it and the video, or
 * null. By token: the video must be in the link's session. Signed in: any live
 * session shared with their address that holds the video.
 */
export async function studentMaySeeVideo(
  ctx: AppContext,
  who: StudentIdentity,
  videoId: string,
): Promise<{ share: Share; session: RidingSession; video: Video } | null> {
  if (!UUID.test(videoId)) return null;
  const candidates =
    "token" in who || who.shareId
      ? [await sessionForIdentity(ctx, who)].filter((x) => x !== null)
      : await sessionsForStudent(ctx, who.email);
  for (const c of candidates) {
    const video = c.videos.find((v) => v.id === videoId);
    if (video) return { share: c.share, session: c.session, video };
  }
  return null;
}

/** The video of a shared session the request asks for (`?v=`), else its first. */
export function pickVideo(shared: SharedSession, videoId: string | null | undefined): Video {
  return shared.videos.find((v) => v.id === videoId) ?? shared.videos[0];
}

export type ShareEventKind = (typeof shareEvents.kind.enumValues)[number];

// Every view, play and download writes one: prepared (lib/database/prepared).
const shareEventStatement = preparedStatement((db: Database) =>
  db
    .insert(shareEvents)
    .values({
      shareId: sql.placeholder("shareId"),
      kind: sql.placeholder("kind"),
      videoId: sql.placeholder("videoId"),
      at: sql.placeholder("at"),
    })
    .prepare("record_share_event"),
);

export async function recordShareEvent(ctx: AppContext, shareId: string, kind: ShareEventKind, videoId: string | null = null) {
  await shareEventStatement(ctx.db).execute({ shareId, kind, videoId, at: ctx.now() });
}
