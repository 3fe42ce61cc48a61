// Groups of the roster ("A2 Saturday group"): create, rename, delete, add and remove
// members. Scoped like the students: another school's group or student id gets the
// same 404 as a missing one. A removed student keeps their memberships (they come
// back with them) but counts nowhere while removed.
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Database, Tx } from "@/db/client";
import { rosterGroupMembers, rosterGroups, rosterStudents, type RosterGroup } from "@/db/schema";
import { audit } from "@/lib/audit";
import { ApiError, parseInput } from "@/lib/http";
import type { SchoolMember } from "@/lib/schools";
import { groupMembersSchema, groupSchema } from "./rules";
import { orConflict, rosterSchool } from "./students";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NO_SUCH_GROUP = "No such group.";

export interface RosterGroupEntry {
  id: string;
  name: string;
  /** The active students in it. */
  studentIds: string[];
}

export async function schoolGroup(db: Database | Tx, member: SchoolMember, groupId: string): Promise<RosterGroup> {
  const schoolId = rosterSchool(member);
  if (!UUID.test(groupId)) throw new ApiError(404, NO_SUCH_GROUP);
  const [row] = await db
    .select()
    .from(rosterGroups)
    .where(and(eq(rosterGroups.id, groupId), eq(rosterGroups.schoolId, schoolId)));
  if (!row) throw new ApiError(404, NO_SUCH_GROUP);
  return row;
}

/** The school's groups by name, each with its active members. */
export async function listGroups(db: Database | Tx, member: SchoolMember): Promise<RosterGroupEntry[]> {
  const schoolId = rosterSchool(member);
  const groups = await db
    .select()
    .from(rosterGroups)
    .where(eq(rosterGroups.schoolId, schoolId))
    .orderBy(sql`lower(${rosterGroups.name})`, asc(rosterGroups.id));
  if (groups.length === 0) return [];
  const members = await db
    .select({ groupId: rosterGroupMembers.groupId, studentId: rosterGroupMembers.studentId })
    .from(rosterGroupMembers)
    .innerJoin(rosterStudents, eq(rosterStudents.id, rosterGroupMembers.studentId))
    .where(
      and(
        inArray(
          rosterGroupMembers.groupId,
          groups.map((g) => g.id),
        ),
        eq(rosterStudents.schoolId, schoolId),
        isNull(rosterStudents.removedAt),
      ),
    )
    .orderBy(sql`lower(coalesce(${rosterStudents.name}, ${rosterStudents.email}))`);
  return groups.map((g) => ({ id: g.id, name: g.name, studentIds: members.filter((m) => m.groupId === g.id).map((m) => m.studentId) }));
}

const nameTaken = (name: string) => new ApiError(409, `There is already a group called "${name}".`);

async function assertNameFree(tx: Tx, schoolId: string, name: string, except?: string) {
  const [taken] = await tx
    .select({ id: rosterGroups.id })
    .from(rosterGroups)
    .where(and(eq(rosterGroups.schoolId, schoolId), eq(rosterGroups.name, name)));
  if (taken && taken.id !== except) throw nameTaken(name);
}

export async function createGroup(db: Database, member: SchoolMember, body: unknown): Promise<RosterGroupEntry> {
  const schoolId = rosterSchool(member);
  const { name } = parseInput(groupSchema, body);
  const run = db.transaction(async (tx) => {
    await assertNameFree(tx, schoolId, name);
    const [group] = await tx.insert(rosterGroups).values({ schoolId, name }).returning();
    await audit(tx, {
      actorId: member.id,
      action: "roster.changed",
      subjectType: "roster-group",
      subjectId: group.id,
      details: { change: "group-created", name },
    });
    return { id: group.id, name: group.name, studentIds: [] };
  });
  return orConflict(run, () => nameTaken(name));
}

export async function renameGroup(
  db: Database,
  member: SchoolMember,
  groupId: string,
  body: unknown,
): Promise<{ id: string; name: string }> {
  const { name } = parseInput(groupSchema, body);
  const run = db.transaction(async (tx) => {
    const group = await schoolGroup(tx, member, groupId);
    await assertNameFree(tx, group.schoolId, name, group.id);
    await tx
      .update(rosterGroups)
      .set({ name })
      .where(and(eq(rosterGroups.id, group.id), eq(rosterGroups.schoolId, group.schoolId)));
    await audit(tx, {
      actorId: member.id,
      action: "roster.changed",
      subjectType: "roster-group",
      subjectId: group.id,
      details: { change: "group-renamed", from: group.name, to: name },
    });
    return { id: group.id, name };
  });
  return orConflict(run, () => nameTaken(name));
}

/** The group goes; its students stay on the roster. */
export async function deleteGroup(db: Database, member: SchoolMember, groupId: string): Promise<{ deleted: true }> {
  return db.transaction(async (tx) => {
    const group = await schoolGroup(tx, member, groupId);
    await tx.delete(rosterGroups).where(and(eq(rosterGroups.id, group.id), eq(rosterGroups.schoolId, group.schoolId)));
    await audit(tx, {
      actorId: member.id,
      action: "roster.changed",
      subjectType: "roster-group",
      subjectId: group.id,
      details: { change: "group-deleted", name: group.name },
    });
    return { deleted: true as const };
  });
}

/** Adds the school's active students to the group; any id that is not one of them makes the whole request 404. */
export async function addGroupMembers(db: Database, member: SchoolMember, groupId: string, body: unknown): Promise<{ added: number }> {
  const { studentIds } = parseInput(groupMembersSchema, body);
  const ids = [...new Set(studentIds.map((id) => id.toLowerCase()))];
  return db.transaction(async (tx) => {
    const group = await schoolGroup(tx, member, groupId);
    const found = await tx
      .select({ id: rosterStudents.id })
      .from(rosterStudents)
      .where(and(inArray(rosterStudents.id, ids), eq(rosterStudents.schoolId, group.schoolId), isNull(rosterStudents.removedAt)));
    if (found.length !== ids.length) throw new ApiError(404, "No such student on the roster.");
    const added = await tx
      .insert(rosterGroupMembers)
      .values(ids.map((studentId) => ({ groupId: group.id, studentId })))
      .onConflictDoNothing()
      .returning();
    await audit(tx, {
      actorId: member.id,
      action: "roster.changed",
      subjectType: "roster-group",
      subjectId: group.id,
      details: { change: "members-added", students: ids },
    });
    return { added: added.length };
  });
}

export async function removeGroupMember(
  db: Database,
  member: SchoolMember,
  groupId: string,
  studentId: string,
): Promise<{ removed: boolean }> {
  return db.transaction(async (tx) => {
    const group = await schoolGroup(tx, member, groupId);
    if (!UUID.test(studentId)) throw new ApiError(404, "No such student on the roster.");
    const [student] = await tx
      .select({ id: rosterStudents.id })
      .from(rosterStudents)
      .where(and(eq(rosterStudents.id, studentId), eq(rosterStudents.schoolId, group.schoolId)));
    if (!student) throw new ApiError(404, "No such student on the roster.");
    const gone = await tx
      .delete(rosterGroupMembers)
      .where(and(eq(rosterGroupMembers.groupId, group.id), eq(rosterGroupMembers.studentId, student.id)))
      .returning();
    await audit(tx, {
      actorId: member.id,
      action: "roster.changed",
      subjectType: "roster-group",
      subjectId: group.id,
      details: { change: "member-removed", student: student.id },
    });
    return { removed: gone.length > 0 };
  });
}
