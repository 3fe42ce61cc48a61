// The school's roster in the data layer: students (add, edit, search, soft removal and
// coming back), groups, reading spreadsheet CSV exports (semicolons, BOM, quotes,
// Dutch/French headers, per-row errors), importing a file with a bad row, students
// shared with landing on the roster, and another school's ids answering 404.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, rosterStudents, schools, shares, type User } from "@/db/schema";
import { createTrainer } from "@/lib/auth/trainers";
import type { AppContext } from "@/lib/context";
import type { ApiError } from "@/lib/http";
import { createSession } from "@/lib/riding-sessions";
import {
  addGroupMembers,
  addStudent,
  createGroup,
  deleteGroup,
  importRoster,
  listGroups,
  listStudents,
  parseRosterCsv,
  previewImport,
  removeGroupMember,
  removeStudent,
  renameGroup,
  rosterForUpload,
  updateStudent,
} from "@/lib/roster";
import type { SchoolMember } from "@/lib/schools";
import type { TestDatabase } from "../support/db";
import { startHarness, testConfig } from "../support/harness";

let t: TestDatabase;
let tina: User; // school A (the default school)
let otto: User; // school A too: any trainer of the school manages the roster
let bea: User; // school B
let ctx: AppContext;

const member = (u: User): SchoolMember => ({ id: u.id, schoolId: u.schoolId, schoolAdmin: u.schoolAdmin });
const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: ApiError) => ({ status: e.status, message: e.message }),
  );
let n = 0;
/** A fresh address per test, so tests do not see each other's students. */
const address = (who: string) => `${who}.${++n}.${Date.now()}@example.com`;

beforeAll(async () => {
  const h = await startHarness({ trainers: true });
  ({ t, tina, otto } = h);
  const [schoolB] = await t.db.insert(schools).values({ name: "Rijschool B" }).returning();
  bea = await createTrainer(t.db, { email: "bea@school-b.example", password: "correct horse battery", name: "Bea", schoolId: schoolB.id });
  ctx = { db: t.db, storage: undefined as never, config: testConfig(), now: () => new Date() };
  return h.close;
});

describe("students", () => {
  it("a trainer adds, edits and finds students; another trainer of the school sees the same roster", async () => {
    const email = address("lotte");
    const added = await addStudent(t.db, member(tina), {
      email: ` ${email.toUpperCase()} `,
      name: "Lotte Peeters",
      language: "nl",
      note: "A2",
    });
    expect(added).toMatchObject({ email, name: "Lotte Peeters", language: "nl", note: "A2" });
    const edited = await updateStudent(t.db, member(otto), added.id, { name: "Lotte P.", language: null, note: "" });
    expect(edited).toMatchObject({ email, name: "Lotte P.", language: null, note: null });
    expect((await listStudents(t.db, member(otto), { q: "lotte p" })).map((s) => s.id)).toEqual([added.id]);
    expect((await listStudents(t.db, member(tina), { q: email.slice(0, 8) })).map((s) => s.id)).toContain(added.id);
    // LIKE wildcards are searched for literally.
    expect(await listStudents(t.db, member(tina), { q: "%" })).toEqual([]);
    const log = await t.db.select().from(auditLog).where(eq(auditLog.subjectId, added.id));
    expect(log.map((l) => l.action)).toEqual(["roster.changed", "roster.changed"]);
  });

  it("refuses what a person can get wrong with a sentence", async () => {
    const email = address("dup");
    await addStudent(t.db, member(tina), { email });
    expect(await failure(addStudent(t.db, member(tina), { email }))).toEqual({
      status: 409,
      message: `${email} is already on the roster.`,
    });
    expect((await failure(addStudent(t.db, member(tina), { email: "not an address" })))?.status).toBe(400);
    expect(await failure(addStudent(t.db, member(tina), { email: address("x"), language: "de" }))).toMatchObject({ status: 400 });
    expect(await failure(addStudent(t.db, member(tina), { email: address("x"), note: "x".repeat(101) }))).toMatchObject({
      status: 400,
      message: "note: A note can be at most 100 characters.",
    });
    const other = await addStudent(t.db, member(tina), { email: address("other") });
    expect(await failure(updateStudent(t.db, member(tina), other.id, { email }))).toEqual({
      status: 409,
      message: `${email} is already on the roster.`,
    });
    expect((await failure(updateStudent(t.db, member(tina), other.id, {})))?.status).toBe(400);
  });

  it("two trainers adding the same student or group at once: one wins, the other gets the 409 sentence", async () => {
    const email = address("race");
    const both = await Promise.all([
      failure(addStudent(t.db, member(tina), { email })),
      failure(addStudent(t.db, member(otto), { email })),
    ]);
    expect(both.filter((r) => r === null)).toHaveLength(1);
    expect(both.find((r) => r !== null)).toEqual({ status: 409, message: `${email} is already on the roster.` });
    const name = `Race ${n}`;
    const groups = await Promise.all([
      failure(createGroup(t.db, member(tina), { name })),
      failure(createGroup(t.db, member(otto), { name })),
    ]);
    expect(groups.filter((r) => r === null)).toHaveLength(1);
    expect(groups.find((r) => r !== null)?.status).toBe(409);
  });

  it("a removed student is offered nowhere new; adding the address again brings them back", async () => {
    const email = address("removed");
    const s = await addStudent(t.db, member(tina), { email, name: "Rik", language: "fr", note: "A" });
    const group = await createGroup(t.db, member(tina), { name: `Removal ${n}` });
    await addGroupMembers(t.db, member(tina), group.id, { studentIds: [s.id] });
    await removeStudent(t.db, member(tina), s.id);
    expect((await listStudents(t.db, member(tina))).map((x) => x.email)).not.toContain(email);
    expect((await listGroups(t.db, member(tina))).find((g) => g.id === group.id)?.studentIds).toEqual([]);
    const upload = await rosterForUpload(t.db, member(tina), [{ email, name: "Rik" }]);
    expect(upload.students.map((x) => x.email)).not.toContain(email);
    expect(upload.groups.map((g) => g.id)).not.toContain(group.id);
    // Gone for editing; removing twice is harmless.
    expect((await failure(updateStudent(t.db, member(tina), s.id, { name: "X" })))?.status).toBe(404);
    expect(await removeStudent(t.db, member(tina), s.id)).toEqual({ removed: true });

    const back = await addStudent(t.db, member(tina), { email, name: "Rik Janssens" });
    expect(back).toMatchObject({ id: s.id, email, name: "Rik Janssens", language: null });
    expect((await listGroups(t.db, member(tina))).find((g) => g.id === group.id)?.studentIds).toEqual([s.id]);
  });
});

describe("groups", () => {
  it("create, rename, add and remove members, delete (the students stay)", async () => {
    const a = await addStudent(t.db, member(tina), { email: address("ga"), name: "Anna" });
    const b = await addStudent(t.db, member(tina), { email: address("gb"), name: "Bram", language: "nl" });
    const name = `A2 Saturday ${n}`;
    const group = await createGroup(t.db, member(tina), { name });
    expect(await failure(createGroup(t.db, member(otto), { name: ` ${name} ` }))).toEqual({
      status: 409,
      message: `There is already a group called "${name}".`,
    });
    expect((await failure(createGroup(t.db, member(tina), { name: " " })))?.status).toBe(400);
    await renameGroup(t.db, member(otto), group.id, { name: `${name} (zaterdag)` });
    expect(await addGroupMembers(t.db, member(tina), group.id, { studentIds: [a.id, b.id, a.id] })).toEqual({ added: 2 });
    expect(await addGroupMembers(t.db, member(tina), group.id, { studentIds: [a.id] })).toEqual({ added: 0 });
    let listed = (await listGroups(t.db, member(tina))).find((g) => g.id === group.id)!;
    expect(listed.name).toBe(`${name} (zaterdag)`);
    expect(listed.studentIds).toEqual([a.id, b.id]);
    const upload = await rosterForUpload(t.db, member(tina));
    expect(upload.groups.find((g) => g.id === group.id)?.students).toEqual([
      { email: a.email, name: "Anna", language: null },
      { email: b.email, name: "Bram", language: "nl" },
    ]);
    expect((await listStudents(t.db, member(tina), { q: b.email })).map((s) => s.groupIds)).toEqual([[group.id]]);
    expect(await removeGroupMember(t.db, member(tina), group.id, a.id)).toEqual({ removed: true });
    listed = (await listGroups(t.db, member(tina))).find((g) => g.id === group.id)!;
    expect(listed.studentIds).toEqual([b.id]);
    await deleteGroup(t.db, member(tina), group.id);
    expect((await listGroups(t.db, member(tina))).map((g) => g.id)).not.toContain(group.id);
    expect((await listStudents(t.db, member(tina), { q: b.email })).map((s) => [s.id, s.groupIds])).toEqual([[b.id, []]]);
  });
});

describe("another school", () => {
  it("a member of school B gets the missing-object answer for school A's students and groups, and nothing changes", async () => {
    const s = await addStudent(t.db, member(tina), { email: address("private"), name: "Private" });
    const g = await createGroup(t.db, member(tina), { name: `Private ${n}` });
    await addGroupMembers(t.db, member(tina), g.id, { studentIds: [s.id] });
    const missing = "00000000-0000-4000-8000-000000000000";
    const pairs: [string, (id: string) => Promise<unknown>][] = [
      ["edit", (id) => updateStudent(t.db, member(bea), id, { name: "Hijacked" })],
      ["remove", (id) => removeStudent(t.db, member(bea), id)],
    ];
    for (const [, op] of pairs) {
      const real = await failure(op(s.id));
      expect(real).toEqual(await failure(op(missing)));
      expect(real?.status).toBe(404);
    }
    const groupOps: ((id: string) => Promise<unknown>)[] = [
      (id) => renameGroup(t.db, member(bea), id, { name: "Hijacked" }),
      (id) => deleteGroup(t.db, member(bea), id),
      (id) => removeGroupMember(t.db, member(bea), id, s.id),
    ];
    for (const op of groupOps) {
      const real = await failure(op(g.id));
      expect(real).toEqual(await failure(op(missing)));
      expect(real?.status).toBe(404);
    }
    // B's own group cannot take A's student.
    const gb = await createGroup(t.db, member(bea), { name: `B group ${n}` });
    expect(await failure(addGroupMembers(t.db, member(bea), gb.id, { studentIds: [s.id] }))).toEqual(
      await failure(addGroupMembers(t.db, member(bea), gb.id, { studentIds: [missing] })),
    );
    expect((await failure(addGroupMembers(t.db, member(bea), g.id, { studentIds: [s.id] })))?.status).toBe(404);
    // Nothing of A's shows in B, nothing changed in A.
    expect(await listStudents(t.db, member(bea), { q: s.email })).toEqual([]);
    expect((await listGroups(t.db, member(bea))).map((x) => x.id)).toEqual([gb.id]);
    expect((await listStudents(t.db, member(tina), { q: s.email }))[0]).toMatchObject({ id: s.id, name: "Private", groupIds: [g.id] });
    // The same address can be on both schools' rosters, each with its own details.
    const inB = await addStudent(t.db, member(bea), { email: s.email, name: "Other school" });
    expect(inB.id).not.toBe(s.id);
    const previewB = await previewImport(t.db, member(bea), { csv: `email;name\n${s.email};Other school\n` });
    expect(previewB.rows[0].outcome).toBe("unchanged");
  });

  it("a trainer without a school has no roster", async () => {
    const nobody: SchoolMember = { id: tina.id, schoolId: null, schoolAdmin: false };
    expect(await failure(listStudents(t.db, nobody))).toEqual({ status: 404, message: "You are not a member of a school." });
  });
});

describe("reading a CSV export", () => {
  it("Belgian Excel: semicolons, a BOM, CRLF, Dutch headers, quoted cells with ; and line breaks", async () => {
    const csv =
      '\uFEFFNaam;E-mailadres;Taal;Opmerking;Groep\r\n"Peeters; Lotte";LOTTE@example.com;Nederlands;"A2\r\nzaterdag";A2 zaterdag\r\n\r\n"Jan ""Jos"" Smet";jan@example.com;nl;;A2 zaterdag|Beginners\r\n';
    expect(await parseRosterCsv(csv)).toEqual([
      { line: 2, email: "lotte@example.com", name: "Peeters; Lotte", language: "nl", note: "A2\r\nzaterdag", groups: ["A2 zaterdag"] },
      { line: 5, email: "jan@example.com", name: 'Jan "Jos" Smet', language: "nl", note: null, groups: ["A2 zaterdag", "Beginners"] },
    ]);
  });

  it("French headers with commas, first and last name columns", async () => {
    const rows = await parseRosterCsv(
      "Prénom,Nom de famille,Courriel,Langue,Permis,Groupe\nÉlodie,Dubois,elodie@example.com,français,A,Samedi\n",
    );
    expect(rows).toEqual([{ line: 2, email: "elodie@example.com", name: "Élodie Dubois", language: "fr", note: "A", groups: ["Samedi"] }]);
    const nom = await parseRosterCsv("nom;adresse e-mail;langue\nMarc;marc@example.com;FR\n");
    expect(nom[0]).toMatchObject({ name: "Marc", email: "marc@example.com", language: "fr" });
  });

  it("no header row: email, name, language, note, group; tabs work too", async () => {
    expect(await parseRosterCsv("sam@example.com,Sam,en\nkim@example.com")).toEqual([
      { line: 1, email: "sam@example.com", name: "Sam", language: "en", note: null, groups: [] },
      { line: 2, email: "kim@example.com", name: null, note: null, groups: [] },
    ]);
    expect((await parseRosterCsv("email\tname\nlee@example.com\tLee\n"))[0]).toMatchObject({ email: "lee@example.com", name: "Lee" });
  });

  it("each bad row gets its own reason; the others are fine", async () => {
    const csv = [
      "email;name;language;note",
      "ok@example.com;Ok;nl;",
      "not-an-address;Bad;;",
      ";No address;;",
      "ok@example.com;Twice;;",
      "de@example.com;Deutsch;de;",
      `long@example.com;${"x".repeat(121)};;`,
      "note@example.com;Note;;" + "n".repeat(101),
      "fine@example.com;Fine;;A2",
    ].join("\n");
    const rows = await parseRosterCsv(csv);
    expect(rows.map((r) => [r.line, r.error?.code ?? "ok"])).toEqual([
      [2, "ok"],
      [3, "badEmail"],
      [4, "missingEmail"],
      [5, "duplicate"],
      [6, "language"],
      [7, "tooLong"],
      [8, "tooLong"],
      [9, "ok"],
    ]);
    expect(rows[1].error?.message).toBe('"not-an-address" is not a valid email address.');
    expect(rows[3].error).toMatchObject({ message: "ok@example.com is already on line 2.", duplicateOf: 2 });
    expect(rows[4].error?.message).toBe('Unknown language "de": use en, nl or fr.');
  });

  it("refuses a file it cannot read at all, with a sentence", async () => {
    const refusal = (csv: string) => failure(parseRosterCsv(csv));
    expect(await refusal("")).toEqual({ status: 400, message: "The file is empty." });
    expect((await refusal("name;phone\nSam;0470\n"))?.message).toContain("no email column");
    expect((await refusal("x".repeat(1024 * 1024 + 1)))?.status).toBe(413);
    const many = ["email", ...Array.from({ length: 5001 }, (_, i) => `s${i}@example.com`)].join("\n");
    expect(await refusal(many)).toEqual({ status: 400, message: "The file has 5001 students; import at most 5,000 at a time." });
  });
});

describe("importing", () => {
  it("the preview writes nothing; the import writes every good row and reports the bad one", async () => {
    const known = await addStudent(t.db, member(tina), { email: address("known"), name: "Known", language: "en" });
    const same = await addStudent(t.db, member(tina), { email: address("same"), name: "Same" });
    const gone = await addStudent(t.db, member(tina), { email: address("gone"), name: "Gone" });
    await removeStudent(t.db, member(tina), gone.id);
    const fresh = address("fresh");
    const group = `Import ${n}`;
    const csv = [
      "Naam;E-mail;Taal;Groep",
      `Fresh;${fresh};fr;${group}`,
      `Known Better;${known.email};nl;`,
      `;${same.email};;`,
      `;${gone.email};;${group}`,
      "Broken;broken@@example;;",
    ].join("\r\n");
    const preview = await previewImport(t.db, member(tina), { csv });
    expect(preview.rows.map((r) => [r.line, r.outcome, r.changes ?? []])).toEqual([
      [2, "new", []],
      [3, "update", ["name", "language"]],
      [4, "unchanged", []],
      [5, "update", ["restored", "groups"]],
      [6, "error", []],
    ]);
    expect(preview.counts).toEqual({ new: 1, update: 2, unchanged: 1, error: 1 });
    expect(await t.db.select().from(rosterStudents).where(eq(rosterStudents.email, fresh))).toEqual([]);

    const done = await importRoster(t.db, member(otto), { csv });
    expect(done.counts).toEqual(preview.counts);
    expect(done.rows[4].error?.code).toBe("badEmail");
    const roster = await listStudents(t.db, member(tina));
    const byEmail = new Map(roster.map((s) => [s.email, s]));
    expect(byEmail.get(fresh)).toMatchObject({ name: "Fresh", language: "fr" });
    expect(byEmail.get(known.email)).toMatchObject({ name: "Known Better", language: "nl" });
    expect(byEmail.get(same.email)).toMatchObject({ name: "Same" });
    expect(byEmail.get(gone.email)).toMatchObject({ id: gone.id, name: "Gone" });
    const made = (await listGroups(t.db, member(tina))).find((g) => g.name === group)!;
    expect(made.studentIds.sort()).toEqual([byEmail.get(fresh)!.id, gone.id].sort());
    const log = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "roster.imported"), eq(auditLog.actorId, otto.id)));
    expect(log.at(-1)?.details).toEqual({ new: 1, update: 2, unchanged: 1, error: 1 });

    // The same file again changes nothing; a differently cased group name is the same group.
    const again = await importRoster(t.db, member(tina), { csv: csv.replace(new RegExp(group, "g"), group.toUpperCase()) });
    expect(again.counts).toEqual({ new: 0, update: 0, unchanged: 4, error: 1 });
    expect((await listGroups(t.db, member(tina))).filter((g) => g.name.toLowerCase() === group.toLowerCase())).toHaveLength(1);
  });
});

describe("sharing puts students on the roster", () => {
  it("a new address shared with joins the school's roster with its name and language; roster entries stay as they are", async () => {
    const newcomer = address("newcomer");
    const listed = await addStudent(t.db, member(tina), { email: address("listed"), name: "On the roster", language: "fr", note: "A2" });
    const removed = await addStudent(t.db, member(tina), { email: address("left"), name: "Left" });
    await removeStudent(t.db, member(tina), removed.id);
    const session = await createSession(ctx, tina, {
      sessionDate: "2026-11-20",
      students: [
        { email: newcomer.toUpperCase(), name: "New Person", language: "nl" },
        { email: listed.email, name: "Typed differently", language: "en" },
        { email: removed.email, name: "Left" },
      ],
    });
    expect((await t.db.select().from(shares).where(eq(shares.sessionId, session.id))).length).toBe(3);
    const roster = await listStudents(t.db, member(otto));
    expect(roster.find((s) => s.email === newcomer)).toMatchObject({ name: "New Person", language: "nl", note: null });
    expect(roster.find((s) => s.email === listed.email)).toMatchObject({ name: "On the roster", language: "fr", note: "A2" });
    expect(roster.map((s) => s.email)).not.toContain(removed.email);
    // Only the sharing trainer's school.
    expect(await listStudents(t.db, member(bea), { q: newcomer })).toEqual([]);
  });
});
