// Where the roster meets sharing: what the upload form offers (active students and
// groups; a removed student is offered nowhere), and the rule that a student a
// trainer shares with is on the school's roster from then on.
import { and, eq, isNotNull } from "drizzle-orm";
import type { Database, Tx } from "@/db/client";
import { rosterStudents } from "@/db/schema";
import { normalizeEmail } from "@/lib/email-address";
import type { Locale } from "@/lib/i18n/locales";
import type { SchoolMember } from "@/lib/schools";
import { listGroups } from "./groups";
import { listStudents } from "./students";

export interface SuggestedStudent {
  email: string;
  name: string | null;
  /** From the roster: their language (null: automatic). Absent: an address used before, not on the roster. */
  language?: Locale | null;
  note?: string | null;
}

export interface UploadGroup {
  id: string;
  name: string;
  students: { email: string; name: string | null; language: Locale | null }[];
}

/**
 * The upload form's suggestions: the school's active students, then the addresses this
 * trainer used before that are not on the roster — minus anyone removed from it.
 */
export async function rosterForUpload(
  db: Database,
  member: SchoolMember,
  usedBefore: { email: string; name: string | null }[] = [],
): Promise<{ students: SuggestedStudent[]; groups: UploadGroup[] }> {
  if (!member.schoolId) return { students: usedBefore, groups: [] };
  const [students, groups, removed] = await Promise.all([
    listStudents(db, member),
    listGroups(db, member),
    db
      .select({ email: rosterStudents.email })
      .from(rosterStudents)
      .where(and(eq(rosterStudents.schoolId, member.schoolId), isNotNull(rosterStudents.removedAt))),
  ]);
  const onRoster = new Set([...students.map((s) => s.email), ...removed.map((r) => r.email)]);
  const byId = new Map(students.map((s) => [s.id, s]));
  return {
    students: [
      ...students.map((s) => ({ email: s.email, name: s.name, language: s.language, note: s.note })),
      ...usedBefore.filter((u) => !onRoster.has(normalizeEmail(u.email))),
    ],
    groups: groups
      .map((g) => ({
        id: g.id,
        name: g.name,
        students: g.studentIds.flatMap((id) => {
          const s = byId.get(id);
          return s ? [{ email: s.email, name: s.name, language: s.language }] : [];
        }),
      }))
      .filter((g) => g.students.length > 0),
  };
}

/**
 * Puts the students a trainer shares with on the school's roster (name and language as
 * entered), inside the share's transaction. Someone already on it — or removed from it
 * on purpose — is left as they are.
 */
export async function addSharedStudents(
  tx: Tx,
  schoolId: string,
  students: { email: string; name: string | null; language?: Locale | null }[],
): Promise<void> {
  const rows = rosterRowsFor(students);
  if (rows.length === 0) return;
  // One statement: the unique (school, email) index leaves anyone already on the roster — or removed from it — as they are.
  await tx
    .insert(rosterStudents)
    .values(rows.map((r) => ({ schoolId, ...r })))
    .onConflictDoNothing({ target: [rosterStudents.schoolId, rosterStudents.email] });
}

/** The roster rows for students shared with: one per address (normalized), with the name and language as entered. */
export function rosterRowsFor(students: { email: string; name: string | null; language?: Locale | null }[]) {
  const unique = new Map(students.map((s) => [normalizeEmail(s.email), s]));
  return [...unique].map(([email, s]) => ({ email, name: s.name || null, language: s.language ?? null }));
}
