// Schools as tenants, in the data layer: a school admin runs their own school and nothing
// of another's — trainers, rules, sessions, the log — and every refusal is the same 404 a
// missing object gets. Making a school with its first admin is all or nothing.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, schools, users, type User } from "@/db/schema";
import { changeSchoolTrainer, createSchoolWithAdmin, schoolTrainers } from "@/lib/auth/admin";
import { createTrainer } from "@/lib/auth/trainers";
import { resolveConfig } from "@/lib/config";
import type { AppContext } from "@/lib/context";
import { createSession, schoolSessions } from "@/lib/riding-sessions";
import { defaultSchool, schoolRules, updateSchoolSettings } from "@/lib/schools";
import { openTestDatabase, type TestDatabase } from "../support/db";

let t: TestDatabase;
let ctx: AppContext;
let adminA: User, trainerA: User, adminB: User, trainerB: User;
const PASSWORD = "a long enough password";

beforeAll(async () => {
  t = await openTestDatabase();
  const config = resolveConfig({
    APP_URL: "http://localhost:3000",
    AUTH_SECRET: "s".repeat(40),
    CRON_SECRET: "c".repeat(20),
    RETENTION_DAYS: "30",
  });
  ctx = { db: t.db, storage: undefined as never, config, now: () => new Date() };
  const a = await defaultSchool(t.db, "School A");
  const [b] = await t.db.insert(schools).values({ name: "School B" }).returning();
  adminA = await createTrainer(t.db, { email: "admin.a@example.com", password: PASSWORD, schoolId: a.id, schoolAdmin: true });
  trainerA = await createTrainer(t.db, { email: "trainer.a@example.com", password: PASSWORD, schoolId: a.id });
  adminB = await createTrainer(t.db, { email: "admin.b@example.com", password: PASSWORD, schoolId: b.id, schoolAdmin: true });
  trainerB = await createTrainer(t.db, { email: "trainer.b@example.com", password: PASSWORD, schoolId: b.id });
});
afterAll(() => t?.close());

const row = async (id: string) => (await t.db.select().from(users).where(eq(users.id, id)))[0];
const schoolOf = async (id: string) => (await t.db.select().from(schools).where(eq(schools.id, id)))[0];

describe("a school admin's trainers", () => {
  it("lists only their own school's trainers", async () => {
    const list = await schoolTrainers(t.db, adminA);
    expect(list.map((x) => x.email).sort()).toEqual(["admin.a@example.com", "trainer.a@example.com"]);
  });

  it("deactivates their trainer (sessions end at once), and reactivates them", async () => {
    const before = await row(trainerA.id);
    await changeSchoolTrainer(ctx, adminA, trainerA.id, { active: false });
    const off = await row(trainerA.id);
    expect(off.deactivatedAt).not.toBeNull();
    expect(off.sessionVersion).toBe(before.sessionVersion + 1);
    await changeSchoolTrainer(ctx, adminA, trainerA.id, { active: true });
    expect((await row(trainerA.id)).deactivatedAt).toBeNull();
  });

  it("gets the missing-object answer for another school's trainer, which stays as it was", async () => {
    const before = await row(trainerB.id);
    const missing = changeSchoolTrainer(ctx, adminA, "no-such-trainer", { active: false });
    await expect(missing).rejects.toMatchObject({ status: 404, message: "No such trainer." });
    await expect(changeSchoolTrainer(ctx, adminA, trainerB.id, { active: false })).rejects.toMatchObject({
      status: 404,
      message: "No such trainer.",
    });
    await expect(changeSchoolTrainer(ctx, adminA, adminB.id, { schoolAdmin: false })).rejects.toMatchObject({ status: 404 });
    expect(await row(trainerB.id)).toEqual(before);
  });

  it("a trainer who is not an admin can change no one; an admin cannot lock themselves out", async () => {
    await expect(changeSchoolTrainer(ctx, trainerA, adminA.id, { active: false })).rejects.toMatchObject({ status: 404 });
    await expect(changeSchoolTrainer(ctx, adminA, adminA.id, { active: false })).rejects.toMatchObject({ status: 409 });
    expect((await row(adminA.id)).deactivatedAt).toBeNull();
  });

  it("refuses nonsense with a sentence", async () => {
    await expect(changeSchoolTrainer(ctx, adminA, trainerA.id, { active: "no" })).rejects.toMatchObject({ status: 400 });
  });
});

describe("a school's rules", () => {
  it("are set by its admin for their school only, within the instance's limits", async () => {
    const bBefore = await schoolOf(adminB.schoolId!);
    await updateSchoolSettings(ctx, adminA, { defaultLanguage: "nl", retentionDays: 10, shareExpiryDays: 5 });
    expect(await schoolOf(adminA.schoolId!)).toMatchObject({ defaultLanguage: "nl", retentionDays: 10, shareExpiryDays: 5 });
    expect(await schoolOf(adminB.schoolId!)).toEqual(bBefore);
    await expect(
      updateSchoolSettings(ctx, adminA, { defaultLanguage: "nl", retentionDays: 9999, shareExpiryDays: 5 }),
    ).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining("at most"),
    });
    await expect(
      updateSchoolSettings(ctx, trainerA, { defaultLanguage: "fr", retentionDays: 10, shareExpiryDays: 5 }),
    ).rejects.toMatchObject({
      status: 404,
    });
    expect((await schoolOf(adminA.schoolId!)).defaultLanguage).toBe("nl");
  });

  it("fall back to the instance's and never exceed its maximum", () => {
    expect(schoolRules(null, ctx.config)).toEqual({ retentionDays: 30, shareExpiryDays: ctx.config.shareExpiryDays });
    expect(schoolRules({ retentionDays: 100_000, shareExpiryDays: 99 }, ctx.config)).toEqual({
      retentionDays: ctx.config.maxRetentionDays,
      shareExpiryDays: 30,
    });
  });
});

describe("a school's sessions and log", () => {
  it("a session is made in its trainer's school; the admin sees every session of their school and none of another's", async () => {
    const a = await createSession(ctx, trainerA, {
      sessionDate: "2026-11-20",
      title: "Zolder A",
      students: [{ email: "rider.a@example.com" }],
    });
    const b = await createSession(ctx, trainerB, {
      sessionDate: "2026-11-20",
      title: "Spa B",
      students: [{ email: "rider.b@example.com" }],
    });
    expect(a.schoolId).toBe(adminA.schoolId);
    expect(b.schoolId).toBe(adminB.schoolId);
    const seenByA = await schoolSessions(t.db, adminA);
    expect(seenByA.sessions.map((s) => s.session.title)).toEqual(["Zolder A"]);
    expect(seenByA.sessions[0].trainer.email).toBe("trainer.a@example.com");
    expect((await schoolSessions(t.db, adminB)).sessions.map((s) => s.session.title)).toEqual(["Spa B"]);
    await expect(schoolSessions(t.db, trainerA)).rejects.toMatchObject({ status: 404 });
  });

  it("audit rows belong to their actor's school", async () => {
    const rows = await t.db.select().from(auditLog).where(eq(auditLog.actorId, adminA.id));
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.schoolId))).toEqual(new Set([adminA.schoolId]));
  });
});

describe("a new school with its first admin", () => {
  it("makes both", async () => {
    const made = await createSchoolWithAdmin(t.db, adminA.id, {
      name: "Auto-école Namur",
      defaultLanguage: "fr",
      admin: { email: "chef@namur.example", name: "Chef" },
    });
    expect(made.admin.password.length).toBeGreaterThanOrEqual(16);
    const admin = await row(made.admin.id);
    expect(admin).toMatchObject({ schoolId: made.school.id, schoolAdmin: true, role: "trainer" });
    expect(await schoolOf(made.school.id)).toMatchObject({ name: "Auto-école Namur", defaultLanguage: "fr" });
  });

  it("makes neither when the admin's address already has an account", async () => {
    const count = (await t.db.select().from(schools)).length;
    await expect(
      createSchoolWithAdmin(t.db, adminA.id, { name: "Half made", admin: { email: "trainer.b@example.com", name: "Taken" } }),
    ).rejects.toMatchObject({ status: 409 });
    expect((await t.db.select().from(schools)).length).toBe(count);
    expect((await row(trainerB.id)).schoolId).toBe(adminB.schoolId);
  });
});
