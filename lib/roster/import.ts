// The CSV import: a preview that writes nothing and says what each row would do
// (new, update, unchanged, or the row's error), then the import, which writes every
// good row in one transaction and reports the bad ones. An empty cell leaves an
// existing student's value as it is; a removed student in the file comes back.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database, Tx } from "@/db/client";
import { rosterGroupMembers, rosterGroups, rosterStudents, type RosterStudent } from "@/db/schema";
import { audit } from "@/lib/audit";
import { ApiError, parseInput } from "@/lib/http";
import type { SchoolMember } from "@/lib/schools";
import { parseRosterCsv, type CsvRow } from "./csv";
import { importSchema } from "./rules";
import { orConflict, rosterSchool } from "./students";

export type RowOutcome = "new" | "update" | "unchanged" | "error";

export interface ImportRow extends CsvRow {
  outcome: RowOutcome;
  /** For an update: what changes ("name", "language", "note", "groups", "restored"). */
  changes?: string[];
}

export interface ImportReport {
  rows: ImportRow[];
  counts: Record<RowOutcome, number>;
}

/** What the row does to the student already on the roster (if any). */
function outcomeOf(row: CsvRow, existing: RosterStudent | undefined, groupsOf: Map<string, Set<string>>): ImportRow {
  if (row.error) return { ...row, outcome: "error" };
  if (!existing) return { ...row, outcome: "new" };
  const changes: string[] = [];
  if (existing.removedAt) changes.push("restored");
  if (row.name && row.name !== existing.name) changes.push("name");
  if (row.language && row.language !== existing.language) changes.push("language");
  if (row.note && row.note !== existing.note) changes.push("note");
  const has = groupsOf.get(existing.id) ?? new Set();
  if (row.groups.some((g) => !has.has(g.toLowerCase()))) changes.push("groups");
  return changes.length ? { ...row, outcome: "update", changes } : { ...row, outcome: "unchanged" };
}

async function plan(
  db: Database | Tx,
  schoolId: string,
  csv: string,
): Promise<{ rows: ImportRow[]; existing: Map<string, RosterStudent> }> {
  const parsed = await parseRosterCsv(csv);
  const emails = parsed.filter((r) => !r.error).map((r) => r.email);
  const existing = new Map<string, RosterStudent>();
  const groupsOf = new Map<string, Set<string>>();
  for (let i = 0; i < emails.length; i += 1000) {
    const chunk = emails.slice(i, i + 1000);
    const rows = await db
      .select()
      .from(rosterStudents)
      .where(and(eq(rosterStudents.schoolId, schoolId), inArray(rosterStudents.email, chunk)));
    for (const r of rows) existing.set(r.email, r);
  }
  const ids = [...existing.values()].map((s) => s.id);
  for (let i = 0; i < ids.length; i += 1000) {
    const memberships = await db
      .select({ studentId: rosterGroupMembers.studentId, name: rosterGroups.name })
      .from(rosterGroupMembers)
      .innerJoin(rosterGroups, eq(rosterGroups.id, rosterGroupMembers.groupId))
      .where(and(eq(rosterGroups.schoolId, schoolId), inArray(rosterGroupMembers.studentId, ids.slice(i, i + 1000))));
    for (const m of memberships) groupsOf.set(m.studentId, (groupsOf.get(m.studentId) ?? new Set()).add(m.name.toLowerCase()));
  }
  return { rows: parsed.map((r) => outcomeOf(r, existing.get(r.email), groupsOf)), existing };
}

function report(rows: ImportRow[]): ImportReport {
  const counts: Record<RowOutcome, number> = { new: 0, update: 0, unchanged: 0, error: 0 };
  for (const r of rows) counts[r.outcome]++;
  return { rows, counts };
}

/** What importing the file would do, row by row. Writes nothing. */
export async function previewImport(db: Database, member: SchoolMember, body: unknown): Promise<ImportReport> {
  const schoolId = rosterSchool(member);
  const { csv } = parseInput(importSchema, body);
  return report((await plan(db, schoolId, csv)).rows);
}

/** Writes the good rows (new, updated, restored students; their groups, made when missing) in one transaction. */
export async function importRoster(db: Database, member: SchoolMember, body: unknown): Promise<ImportReport> {
  const schoolId = rosterSchool(member);
  const { csv } = parseInput(importSchema, body);
  const run = db.transaction(async (tx) => {
    // One import at a time per school: two at once would plan against the same "before".
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`roster-import:${schoolId}`}))`);
    const { rows, existing } = await plan(tx, schoolId, csv);
    const now = new Date();
    const ids = new Map<string, string>();

    const fresh = rows.filter((r) => r.outcome === "new");
    for (let i = 0; i < fresh.length; i += 500) {
      const made = await tx
        .insert(rosterStudents)
        .values(
          fresh.slice(i, i + 500).map((r) => ({ schoolId, email: r.email, name: r.name, language: r.language ?? null, note: r.note })),
        )
        .returning({ id: rosterStudents.id, email: rosterStudents.email });
      for (const m of made) ids.set(m.email, m.id);
    }
    for (const r of rows) {
      const before = existing.get(r.email);
      if (!before || r.outcome === "error") continue;
      ids.set(r.email, before.id);
      if (r.outcome !== "update" || r.changes?.every((c) => c === "groups")) continue;
      await tx
        .update(rosterStudents)
        .set({
          removedAt: null,
          updatedAt: now,
          ...(r.name ? { name: r.name } : {}),
          ...(r.language ? { language: r.language } : {}),
          ...(r.note ? { note: r.note } : {}),
        })
        .where(and(eq(rosterStudents.id, before.id), eq(rosterStudents.schoolId, schoolId)));
    }

    // Groups by name, matched without regard to case; the first spelling in the file names a new one.
    const wanted = new Map<string, string>();
    for (const r of rows)
      if (r.outcome !== "error") for (const g of r.groups) if (!wanted.has(g.toLowerCase())) wanted.set(g.toLowerCase(), g);
    if (wanted.size > 0) {
      const groupId = new Map<string, string>();
      const have = await tx.select().from(rosterGroups).where(eq(rosterGroups.schoolId, schoolId));
      for (const g of have) if (!groupId.has(g.name.toLowerCase())) groupId.set(g.name.toLowerCase(), g.id);
      const missing = [...wanted].filter(([key]) => !groupId.has(key));
      if (missing.length > 0) {
        const made = await tx
          .insert(rosterGroups)
          .values(missing.map(([, name]) => ({ schoolId, name })))
          .returning();
        for (const g of made) groupId.set(g.name.toLowerCase(), g.id);
      }
      const memberships = rows
        .filter((r) => r.outcome !== "error")
        .flatMap((r) => r.groups.map((g) => ({ groupId: groupId.get(g.toLowerCase())!, studentId: ids.get(r.email)! })));
      for (let i = 0; i < memberships.length; i += 1000)
        await tx
          .insert(rosterGroupMembers)
          .values(memberships.slice(i, i + 1000))
          .onConflictDoNothing();
    }

    const result = report(rows);
    await audit(tx, {
      actorId: member.id,
      action: "roster.imported",
      subjectType: "school",
      subjectId: schoolId,
      details: { ...result.counts },
    });
    return result;
  });
  return orConflict(
    run,
    () => new ApiError(409, "The roster changed while the file was being imported. Check the file again and import it."),
  );
}
