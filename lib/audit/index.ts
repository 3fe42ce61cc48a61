// The audit log: who did what, when. Written next to the change it records;
// a failure to write it is logged, never allowed to fail the user's action.
import { desc, eq, sql, type SQL } from "drizzle-orm";
import type { Database, Tx } from "@/db/client";
import { auditLog, users } from "@/db/schema";

export type AuditAction =
  | "signin"
  | "upload.created"
  | "upload.completed"
  | "upload.aborted"
  | "upload.refused"
  | "media.retried"
  | "share.created"
  | "share.revoked"
  | "share.extended"
  | "share.resent"
  | "share.expired"
  | "session.created"
  | "session.edited"
  | "session.students-added"
  | "session.kept"
  | "video.deleted"
  | "sweep.deleted"
  | "trainer.invited"
  | "sessions.revoked"
  | "password.changed"
  | "user.role-changed"
  | "user.deactivated"
  | "user.reactivated"
  | "school.created"
  | "school.edited"
  | "school.logo-changed"
  | "roster.imported"
  | "roster.changed"
  | "two-factor.enabled"
  | "two-factor.disabled"
  | "two-factor.recovery-used";

export async function audit(
  db: Database | Tx,
  entry: { actorId: string | null; action: AuditAction; subjectType?: string; subjectId?: string; details?: Record<string, unknown> },
) {
  try {
    // The row belongs to the actor's school (looked up in the same statement), so a school admin sees their school's log.
    const schoolId = entry.actorId
      ? sql<string | null>`(select ${users.schoolId} from ${users} where ${users.id} = ${entry.actorId})`
      : null;
    await db.insert(auditLog).values({ ...entry, schoolId });
  } catch (err) {
    console.error("[apexshare] audit write failed", entry.action, err);
  }
}

/**
 * `audit` as a data-modifying CTE of another statement: one audit row per row of the CTE `from` (whose
 * `id` is the subject), written with the change it records rather than in a round trip of its own. Unlike
 * `audit`, a failure here fails the statement: the change and its record go together or not at all.
 */
export function auditRowsOf(
  db: Database | Tx,
  name: string,
  entry: { actorId: SQL; action: AuditAction; subjectType: string; from: string; schoolId?: SQL; details?: Record<string, unknown> },
) {
  const schoolId = entry.schoolId ?? sql`(select ${users.schoolId} from ${users} where ${users.id} = ${entry.actorId})`;
  const details = entry.details ? sql`${JSON.stringify(entry.details)}::jsonb` : sql`null`;
  return db.$with(name, { id: sql<string>`id`.as("id") }).as(
    sql`insert into ${auditLog} (actor_id, school_id, action, subject_type, subject_id, details)
        select ${entry.actorId}, ${schoolId}, ${entry.action}::text, ${entry.subjectType}::text, ${sql.identifier(entry.from)}.id::text, ${details}
        from ${sql.identifier(entry.from)}
        returning id`,
  );
}

/** The newest entries: the whole instance's (platform admin), or one school's (its admins). */
export async function recentAudit(db: Database, opts: { schoolId?: string; limit?: number } = {}) {
  return db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actor: users.email,
      action: auditLog.action,
      subjectType: auditLog.subjectType,
      subjectId: auditLog.subjectId,
      details: auditLog.details,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(opts.schoolId ? eq(auditLog.schoolId, opts.schoolId) : undefined)
    .orderBy(desc(auditLog.at))
    .limit(opts.limit ?? 200);
}
