// Migration 0008 (schools) on data shaped like production's before it: an admin and
// two trainers with sessions, shares (one student in two sessions, under two names),
// a video, a coaching note and audit rows. After the migration there is one school,
// everyone and everything is in it, the roster holds the students shared with, and
// not one row of any table was lost or changed.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, ridingSessions, rosterStudents, schools, users } from "@/db/schema";
import { createTrainer } from "@/lib/auth/trainers";
import { openTestDatabase, type TestDatabase } from "../support/db";
import { migrateRest, migrationsBefore } from "../support/migrations";

let t: TestDatabase;
const S1 = "11111111-1111-4111-8111-111111111111";
const S2 = "22222222-2222-4222-8222-222222222222";
const S3 = "33333333-3333-4333-8333-333333333333";
const VIDEO = "44444444-4444-4444-8444-444444444444";
const ago = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

/** Every table's rows, as JSON text, so "nothing lost or changed" is one comparison. */
async function snapshot(tables: string[]) {
  const out: Record<string, string[]> = {};
  for (const table of tables) {
    const rows = await t.db.execute(sql.raw(`select to_jsonb(x) as row from "${table}" x`));
    out[table] = (rows as unknown as { rows: { row: unknown }[] }).rows.map((r) => JSON.stringify(r.row)).sort();
  }
  return out;
}
let tablesBefore: string[] = [];
let before: Record<string, string[]> = {};
/** The columns 0008 adds: a row is "unchanged" when everything but these is equal. */
const ADDED = ["school_id", "school_admin"];

beforeAll(async () => {
  t = await openTestDatabase({ migrationsFolder: migrationsBefore(8) });
  const q = (s: ReturnType<typeof sql>) => t.db.execute(s);
  await q(sql`insert into users (id, email, name, role) values ('admin-ann', 'ann@example.com', 'Ann', 'admin')`);
  await q(sql`insert into users (id, email, name, role) values ('trainer-tom', 'tom@example.com', 'Tom', 'trainer')`);
  await q(sql`insert into users (id, email, name, role, language) values ('trainer-tia', 'tia@example.com', null, 'trainer', 'nl')`);
  await q(sql`insert into users (id, email, role) values ('student-sam', 'sam@example.com', 'student')`);
  const session = (id: string, trainer: string, title: string) =>
    q(
      sql`insert into riding_sessions (id, trainer_id, title, session_date, created_at) values (${id}, ${trainer}, ${title}, '2026-10-01', ${ago(30)}::timestamptz)`,
    );
  await session(S1, "trainer-tom", "Zolder");
  await session(S2, "trainer-tom", "Spa");
  await session(S3, "admin-ann", "Mettet");
  const share = (session: string, email: string, name: string | null, language: string | null, daysAgo: number, hash: string) =>
    q(sql`insert into shares (session_id, recipient_email, recipient_name, language, token_hash, expires_at, created_at)
      values (${session}, ${email}, ${name}, ${language}, ${hash}, ${ago(-10)}::timestamptz, ${ago(daysAgo)}::timestamptz)`);
  await share(S1, "sam@example.com", "Sammy", null, 20, "h1");
  await share(S2, "sam@example.com", "Sam Peeters", "nl", 5, "h2"); // the newest name and language win
  await share(S3, "rita@example.com", null, "fr", 3, "h3");
  await q(sql`insert into videos (id, trainer_id, session_id, title, original_file_name, size_bytes, content_type, object_key, status,
    part_size_bytes, part_count) values (${VIDEO}, 'trainer-tom', ${S1}, 'GX010001', 'GX010001.MP4', 1000, 'video/mp4', 'videos/x/original.mp4', 'ready', 8388608, 1)`);
  await q(sql`insert into coaching_notes (video_id, at_seconds, text) values (${VIDEO}, 12.5, 'Look through the corner')`);
  await q(sql`insert into audit_log (actor_id, action) values ('trainer-tom', 'session.created'), (null, 'sweep.deleted')`);
  const tables = await t.db.execute(
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
  );
  tablesBefore = (tables as unknown as { rows: { table_name: string }[] }).rows.map((r) => r.table_name).filter((n) => !n.startsWith("__"));
  before = await snapshot(tablesBefore);
  await migrateRest(t);
});
afterAll(() => t?.close());

describe("migration 0008: today's data moves into one default school", () => {
  it("makes exactly one school, and every trainer and admin works for it (admins run it); students belong to none", async () => {
    const all = await t.db.select().from(schools);
    expect(all).toHaveLength(1);
    expect(all[0].name).toBe("My school");
    const people = Object.fromEntries((await t.db.select().from(users)).map((u) => [u.id, u]));
    expect(people["admin-ann"]).toMatchObject({ schoolId: all[0].id, schoolAdmin: true, role: "admin" });
    expect(people["trainer-tom"]).toMatchObject({ schoolId: all[0].id, schoolAdmin: false });
    expect(people["trainer-tia"]).toMatchObject({ schoolId: all[0].id, schoolAdmin: false, language: "nl" });
    expect(people["student-sam"]).toMatchObject({ schoolId: null, schoolAdmin: false });
  });

  it("puts every session and every audit row in the school", async () => {
    const [school] = await t.db.select().from(schools);
    const sessions = await t.db.select({ schoolId: ridingSessions.schoolId }).from(ridingSessions);
    expect(sessions.map((s) => s.schoolId)).toEqual([school.id, school.id, school.id]);
    const audit = await t.db.select({ schoolId: auditLog.schoolId }).from(auditLog);
    expect(audit.map((a) => a.schoolId)).toEqual([school.id, school.id]);
  });

  it("builds the roster from the students shared with: one row each, with their newest name and language", async () => {
    const [school] = await t.db.select().from(schools);
    const roster = await t.db
      .select({
        email: rosterStudents.email,
        name: rosterStudents.name,
        language: rosterStudents.language,
        schoolId: rosterStudents.schoolId,
      })
      .from(rosterStudents)
      .orderBy(rosterStudents.email);
    expect(roster).toEqual([
      { email: "rita@example.com", name: null, language: "fr", schoolId: school.id },
      { email: "sam@example.com", name: "Sam Peeters", language: "nl", schoolId: school.id },
    ]);
  });

  it("loses and changes nothing: every row of every table that existed is still there, equal but for the new columns", async () => {
    const after = await snapshot(tablesBefore);
    const strip = (rows: string[]) =>
      rows
        .map((r) => {
          const o = JSON.parse(r);
          for (const c of ADDED) delete o[c];
          return JSON.stringify(o);
        })
        .sort();
    for (const table of tablesBefore) expect(strip(after[table]), table).toEqual(strip(before[table]));
    expect(before.riding_sessions).toHaveLength(3);
    expect(before.shares).toHaveLength(3);
    expect(before.coaching_notes).toHaveLength(1);
  });

  it("a trainer made after the migration joins the same school, not a new one", async () => {
    const tina = await createTrainer(t.db, { email: "new.trainer@example.com", password: "a long enough password" });
    const [school] = await t.db.select().from(schools);
    expect(tina.schoolId).toBe(school.id);
    expect(await t.db.select().from(schools)).toHaveLength(1);
    const [row] = await t.db.select().from(users).where(eq(users.id, tina.id));
    expect(row.schoolAdmin).toBe(false);
  });
});

describe("migration 0008 on an empty database", () => {
  it("makes no school until the first trainer exists", async () => {
    const empty = await openTestDatabase();
    try {
      expect(await empty.db.select().from(schools)).toEqual([]);
      const first = await createTrainer(empty.db, { email: "first@example.com", password: "a long enough password", role: "admin" });
      const all = await empty.db.select().from(schools);
      expect(all).toHaveLength(1);
      expect(first).toMatchObject({ schoolId: all[0].id, schoolAdmin: true });
    } finally {
      await empty.close();
    }
  });
});
