// The school's students: list and search, add, edit, remove. Every function takes
// the acting member and scopes by *their* school: another school's student id gets
// the same 404 as a missing one. Removing is soft (removedAt): the student is offered
// nowhere new, their existing links live on as set, and adding the address again
// brings them back.
import { and, asc, eq, ilike, inArray, isNull, or, sql } from "drizzle-orm";
import type { Database, Tx } from "@/db/client";
import { rosterGroupMembers, rosterGroups, rosterStudents, type RosterStudent } from "@/db/schema";
import { audit } from "@/lib/audit";
import { ApiError, parseInput } from "@/lib/http";
import type { Locale } from "@/lib/i18n/locales";
import type { SchoolMember } from "@/lib/schools";
import { rosterStudentEditSchema, rosterStudentSchema } from "./rules";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const NO_SUCH_STUDENT = "No such student on the roster.";

/** A student as the roster page and the API show them. */
export interface RosterEntry {
  id: string;
  email: string;
  name: string | null;
  language: Locale | null;
  note: string | null;
  groupIds: string[];
}

/** The member's school id; a trainer without a school has no roster. */
export function rosterSchool(member: SchoolMember): string {
  if (!member.schoolId) throw new ApiError(404, "You are not a member of a school.");
  return member.schoolId;
}

export function entryOf(row: RosterStudent, groupIds: string[] = []): RosterEntry {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    language: (row.language as Locale | null) ?? null,
    note: row.note,
    groupIds,
  };
}

/** The school's student (removed ones too when asked), or 404 — the same answer for "missing" and "another school's". */
export async function schoolStudent(db: Database | Tx, member: SchoolMember, studentId: string, opts: { removed?: boolean } = {}) {
  const schoolId = rosterSchool(member);
  if (!UUID.test(studentId)) throw new ApiError(404, NO_SUCH_STUDENT);
  const [row] = await db
    .select()
    .from(rosterStudents)
    .where(and(eq(rosterStudents.id, studentId), eq(rosterStudents.schoolId, schoolId)));
  if (!row || (row.removedAt && !opts.removed)) throw new ApiError(404, NO_SUCH_STUDENT);
  return row;
}

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The school's active students, by name then address; `q` searches name, address and note. */
export async function listStudents(db: Database | Tx, member: SchoolMember, opts: { q?: string } = {}): Promise<RosterEntry[]> {
  const schoolId = rosterSchool(member);
  const q = opts.q?.trim().slice(0, 200);
  const search = q
    ? or(
        ilike(rosterStudents.email, likePattern(q)),
        ilike(rosterStudents.name, likePattern(q)),
        ilike(rosterStudents.note, likePattern(q)),
      )
    : undefined;
  const rows = await db
    .select()
    .from(rosterStudents)
    .where(and(eq(rosterStudents.schoolId, schoolId), isNull(rosterStudents.removedAt), search))
    .orderBy(sql`lower(coalesce(${rosterStudents.name}, ${rosterStudents.email}))`, asc(rosterStudents.email));
  const groupsOf = await membershipsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => entryOf(r, groupsOf.get(r.id)));
}

/** studentId → the ids of their groups. */
async function membershipsOf(db: Database | Tx, studentIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (studentIds.length === 0) return out;
  const rows = await db
    .select({ studentId: rosterGroupMembers.studentId, groupId: rosterGroupMembers.groupId })
    .from(rosterGroupMembers)
    .innerJoin(rosterGroups, eq(rosterGroups.id, rosterGroupMembers.groupId))
    .where(inArray(rosterGroupMembers.studentId, studentIds))
    .orderBy(asc(rosterGroups.name));
  for (const r of rows) out.set(r.studentId, [...(out.get(r.studentId) ?? []), r.groupId]);
  return out;
}

const alreadyOnRoster = (email: string) => new ApiError(409, `${email} is already on the roster.`);

/** Postgres' unique_violation (drizzle wraps the driver's error): two requests made the same row at once. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: unknown } | undefined;
  return !!e && (e.code === "23505" || isUniqueViolation(e.cause));
}

/** The same 409 when a concurrent request won the race the check above it lost. */
export async function orConflict<T>(run: Promise<T>, conflict: () => ApiError): Promise<T> {
  try {
    return await run;
  } catch (err) {
    throw isUniqueViolation(err) ? conflict() : err;
  }
}

/** A new student, or one removed earlier brought back with what was entered now. */
export async function addStudent(db: Database, member: SchoolMember, body: unknown): Promise<RosterEntry> {
  const schoolId = rosterSchool(member);
  const input = parseInput(rosterStudentSchema, body);
  const run = db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(rosterStudents)
      .where(and(eq(rosterStudents.schoolId, schoolId), eq(rosterStudents.email, input.email)))
      .for("update");
    if (existing && !existing.removedAt) throw alreadyOnRoster(input.email);
    const [row] = existing
      ? await tx
          .update(rosterStudents)
          .set({ ...input, removedAt: null, updatedAt: new Date() })
          .where(eq(rosterStudents.id, existing.id))
          .returning()
      : await tx
          .insert(rosterStudents)
          .values({ schoolId, ...input })
          .returning();
    await audit(tx, {
      actorId: member.id,
      action: "roster.changed",
      subjectType: "roster-student",
      subjectId: row.id,
      details: { change: existing ? "restored" : "added", email: row.email },
    });
    return entryOf(row);
  });
  return orConflict(run, () => alreadyOnRoster(input.email));
}

/** Name, address, language or note. */
export async function updateStudent(db: Database, member: SchoolMember, studentId: string, body: unknown): Promise<RosterEntry> {
  const input = parseInput(rosterStudentEditSchema, body);
  const run = db.transaction(async (tx) => {
    const student = await schoolStudent(tx, member, studentId);
    if (input.email && input.email !== student.email) {
      const [taken] = await tx
        .select({ id: rosterStudents.id })
        .from(rosterStudents)
        .where(and(eq(rosterStudents.schoolId, student.schoolId), eq(rosterStudents.email, input.email)));
      if (taken) throw alreadyOnRoster(input.email);
    }
    const [row] = await tx
      .update(rosterStudents)
      .set({ ...input, updatedAt: new Date() })
      .where(and(eq(rosterStudents.id, student.id), eq(rosterStudents.schoolId, student.schoolId)))
      .returning();
    await audit(tx, {
      actorId: member.id,
      action: "roster.changed",
      subjectType: "roster-student",
      subjectId: row.id,
      details: { change: "edited", ...input },
    });
    const groups = await membershipsOf(tx, [row.id]);
    return entryOf(row, groups.get(row.id));
  });
  return orConflict(run, () => alreadyOnRoster(input.email ?? "That address"));
}

/** Off the roster: offered nowhere new; links already sent stay as the trainer set them. Removing twice is harmless. */
export async function removeStudent(db: Database, member: SchoolMember, studentId: string): Promise<{ removed: true }> {
  return db.transaction(async (tx) => {
    const student = await schoolStudent(tx, member, studentId, { removed: true });
    if (student.removedAt) return { removed: true as const };
    await tx
      .update(rosterStudents)
      .set({ removedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(rosterStudents.id, student.id), eq(rosterStudents.schoolId, student.schoolId)));
    await audit(tx, {
      actorId: member.id,
      action: "roster.changed",
      subjectType: "roster-student",
      subjectId: student.id,
      details: { change: "removed", email: student.email },
    });
    return { removed: true as const };
  });
}
