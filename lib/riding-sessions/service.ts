// A trainer's riding sessions: create (before the first upload), edit after
// upload, add or remove students, open and close an upload action. Every
// function takes the signed-in trainer: another trainer's session id gets the
// same 404 as a missing one.
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Database, Tx } from "@/db/client";
import { ridingSessions, rosterStudents, shares, users, type RidingSession, type Share } from "@/db/schema";
import { audit, auditRowsOf } from "@/lib/audit";
import type { AppContext } from "@/lib/context";
import { ApiError, parseInput } from "@/lib/http";
import { viewableVideos } from "@/lib/shares/access";
import { rosterRowsFor } from "@/lib/roster";
import { createShares, enqueueSessionEmail, newShareRows, type Student } from "@/lib/shares/create";
import { clampToRetention, resendShare, sessionRetention } from "@/lib/shares/manage";
import { addDays } from "@/lib/time";
import { announceSession } from "./announce";
import { addStudentsSchema, defaultSessionTitle, newSessionSchema, sessionEditSchema } from "./rules";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The answer for another trainer's session and a missing one alike. */
export const NO_SUCH_SESSION = "No such session.";

export interface SessionTrainer {
  id: string;
}

/** The trainer's own session, or 404 — the same answer for "missing" and "not yours". */
export async function ownedSession(db: Database | Tx, trainerId: string, sessionId: string, opts: { lock?: boolean } = {}) {
  if (!UUID.test(sessionId)) throw new ApiError(404, NO_SUCH_SESSION);
  const q = db
    .select()
    .from(ridingSessions)
    .where(and(eq(ridingSessions.id, sessionId), eq(ridingSessions.trainerId, trainerId)));
  const [session] = await (opts.lock ? q.for("update") : q);
  if (!session) throw new ApiError(404, NO_SUCH_SESSION);
  return session;
}

/**
 * A new session with its students (their links are made now, emailed when the
 * videos are uploaded). `openUpload`: an upload action starts now, so the
 * students' email waits until it ends.
 */
export async function createSession(
  ctx: AppContext,
  trainer: SessionTrainer,
  body: unknown,
  opts: { openUpload?: boolean; tx?: Tx } = {},
): Promise<RidingSession> {
  const input = parseInput(newSessionSchema, body);
  const now = ctx.now();
  // One statement, so no transaction of its own (it was 7 round trips with BEGIN and COMMIT): the session, its
  // students' shares, the students on the school's roster (lib/roster) and the audit row. In a caller's
  // transaction (an upload made without a session) it is one statement of that.
  const db = opts.tx ?? ctx.db;
  const shareRows = newShareRows(input.students);
  const rosterRows = rosterRowsFor(input.students);
  const created = db.$with("created_session").as(
    db
      .insert(ridingSessions)
      .values({
        trainerId: trainer.id,
        // The trainer's school, read in the same statement: the session belongs to it for good.
        schoolId: sql<string>`(select ${users.schoolId} from ${users} where ${users.id} = ${trainer.id})`,
        title: input.title || defaultSessionTitle(input.sessionDate),
        sessionDate: input.sessionDate,
        notes: input.notes,
        shareExpiryDays: input.shareExpiryDays,
        uploadOpenedAt: opts.openUpload ? now : null,
        createdAt: now,
        updatedAt: now,
      })
      .returning(),
  );
  const onRoster = db.$with("session_roster", { email: sql<string>`email`.as("email") }).as(
    sql`insert into ${rosterStudents} (school_id, email, name, language)
        select created_session.school_id, r.email, r.name, r.language from created_session,
          unnest(${sql.param(rosterRows.map((r) => r.email))}::text[], ${sql.param(rosterRows.map((r) => r.name))}::text[], ${sql.param(rosterRows.map((r) => r.language))}::text[])
            as r(email, name, language)
        on conflict (school_id, email) do nothing
        returning email`,
  );
  const studentShares = db.$with("session_shares", { id: sql<string>`id`.as("id") }).as(
    sql`insert into ${shares} (session_id, recipient_email, recipient_name, language, token_hash, expires_at)
        select created_session.id, s.email, s.name, s.language, s.token_hash, ${addDays(now, input.shareExpiryDays).toISOString()}::timestamptz
        from created_session,
          unnest(${sql.param(shareRows.map((r) => r.recipientEmail))}::text[], ${sql.param(shareRows.map((r) => r.recipientName))}::text[],
                 ${sql.param(shareRows.map((r) => r.language))}::text[], ${sql.param(shareRows.map((r) => r.tokenHash))}::text[])
            as s(email, name, language, token_hash)
        on conflict do nothing
        returning id`,
  );
  const logged = auditRowsOf(db, "session_audit", {
    actorId: sql`${trainer.id}::text`,
    action: "session.created",
    subjectType: "session",
    from: "created_session",
    schoolId: sql`created_session.school_id`,
    details: { students: input.students.map((s) => s.email) },
  });
  const [session] = await db.with(created, onRoster, studentShares, logged).select().from(created);
  return session;
}

/** Title, notes or date, after upload. Emails already sent keep what they said; the session page shows the new text. */
export async function updateSession(ctx: AppContext, trainer: SessionTrainer, sessionId: string, body: unknown) {
  const input = parseInput(sessionEditSchema, body);
  await ownedSession(ctx.db, trainer.id, sessionId);
  const [updated] = await ctx.db
    .update(ridingSessions)
    .set({ ...input, updatedAt: ctx.now() })
    .where(and(eq(ridingSessions.id, sessionId), eq(ridingSessions.trainerId, trainer.id)))
    .returning();
  await audit(ctx.db, { actorId: trainer.id, action: "session.edited", subjectType: "session", subjectId: sessionId, details: input });
  return updated;
}

/**
 * Adds students to a session. Each new one (or one removed earlier) gets one
 * email with every video of the session — at once when the videos are there,
 * else with everyone when the upload ends. Students already on it are left alone.
 */
export async function addStudents(ctx: AppContext, trainer: SessionTrainer, sessionId: string, body: unknown) {
  const { students } = parseInput(addStudentsSchema, body);
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const session = await ownedSession(tx, trainer.id, sessionId, { lock: true });
    const emails = students.map((s) => s.email.toLowerCase());
    const existing = await tx
      .select()
      .from(shares)
      .where(and(eq(shares.sessionId, sessionId), inArray(shares.recipientEmail, emails)));
    const fresh: Student[] = students.filter((s) => !existing.some((e) => e.recipientEmail === s.email.toLowerCase()));
    const restored = existing.filter((e) => e.revokedAt);
    const created = await createShares(tx, session, fresh, addDays(now, session.shareExpiryDays));
    const added: Share[] = [...created];
    for (const r of restored) {
      // Added again: the language chosen this time counts (unchanged when the form sent none).
      const language = students.find((s) => s.email.toLowerCase() === r.recipientEmail)?.language;
      const [row] = await tx
        .update(shares)
        .set({ revokedAt: null, emailedAt: null, ...(language !== undefined ? { language } : {}) })
        .where(eq(shares.id, r.id))
        .returning();
      added.push(row);
    }
    const list = (await viewableVideos(tx, [sessionId])).get(sessionId) ?? [];
    const announced = list.filter((v) => v.announcedAt);
    let emailed = 0;
    if (announced.length > 0) {
      const [trainerRow] = await tx.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, trainer.id));
      const retention = await sessionRetention(tx, sessionId, ctx.config.maxRetentionDays);
      for (const share of added) {
        const expiresAt = clampToRetention(addDays(now, session.shareExpiryDays), retention);
        const [first] = await tx.update(shares).set({ emailedAt: now, expiresAt }).where(eq(shares.id, share.id)).returning();
        // A new token even for a restored student: a link from before the removal stays dead.
        await enqueueSessionEmail(tx, ctx, {
          share: first,
          session,
          videos: announced,
          trainer: trainerRow,
          kind: "session",
          rotate: true,
        });
        emailed++;
      }
    }
    await audit(tx, {
      actorId: trainer.id,
      action: "session.students-added",
      subjectType: "session",
      subjectId: sessionId,
      details: { added: added.map((s) => s.recipientEmail) },
    });
    return {
      added: added.map((s) => s.recipientEmail),
      alreadyThere: existing.filter((e) => !e.revokedAt).map((e) => e.recipientEmail),
      emailed,
    };
  });
}

/** The upload page starts adding videos to an existing session: the students' email waits for the whole action. */
export async function openUpload(ctx: AppContext, trainer: SessionTrainer, sessionId: string) {
  await ownedSession(ctx.db, trainer.id, sessionId);
  await ctx.db
    .update(ridingSessions)
    .set({ uploadOpenedAt: ctx.now() })
    .where(and(eq(ridingSessions.id, sessionId), eq(ridingSessions.trainerId, trainer.id)));
  return { open: true };
}

/** The upload page's queue is done: announce what it uploaded, one email per student. */
export async function finishUpload(ctx: AppContext, trainer: SessionTrainer, sessionId: string) {
  await ownedSession(ctx.db, trainer.id, sessionId);
  return announceSession(ctx, sessionId, { force: true });
}

/**
 * "Resend everything" on a student's page: a fresh link to each session of
 * this trainer shared with them that has videos (one email per session; a
 * removed student stays removed). Each link's own resend limit applies.
 */
export async function resendEverything(ctx: AppContext, trainer: SessionTrainer, email: string) {
  const address = email.trim().toLowerCase();
  const rows = await ctx.db
    .select({ share: shares })
    .from(shares)
    .innerJoin(ridingSessions, eq(ridingSessions.id, shares.sessionId))
    .where(and(eq(ridingSessions.trainerId, trainer.id), eq(shares.recipientEmail, address), isNull(shares.revokedAt)));
  if (rows.length === 0) throw new ApiError(404, "No session is shared with this student.");
  const resent: string[] = [];
  const skipped: string[] = [];
  for (const { share } of rows) {
    try {
      await resendShare(ctx, trainer.id, share.id);
      resent.push(share.sessionId);
    } catch (err) {
      // A session with no video yet, or a link resent a moment ago: the others still go.
      if (err instanceof ApiError && (err.status === 409 || err.status === 429)) skipped.push(share.sessionId);
      else throw err;
    }
  }
  return { resent: resent.length, skipped: skipped.length };
}
