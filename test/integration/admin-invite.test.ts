// Admin "invite trainer": a new address gets an account; an existing one is
// refused with a clear message and keeps its password and role.
import { eq } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { inviteTrainer } from "@/lib/auth/admin";
import { checkPasswordSignIn } from "@/lib/auth/password-sign-in";
import { createTrainer } from "@/lib/auth/trainers";
import { confirmEnrolment, startEnrolment, twoFactorStatus } from "@/lib/auth/two-factor";
import { openTestDatabase, type TestDatabase } from "../support/db";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t?.close());

const PASSWORD = "the owner's own passphrase";
const AUTH_SECRET = "test-auth-secret-for-admin-invites";

/** An admin with two-step sign-in on, as the app requires before an admin invites. */
async function enrolledAdmin(email: string) {
  const admin = await createTrainer(t.db, { email, password: PASSWORD, role: "admin" });
  await startEnrolment(t.db, admin.id, AUTH_SECRET);
  const secret = (await twoFactorStatus(t.db, admin, AUTH_SECRET)).pending!.secret;
  await confirmEnrolment(t.db, admin.id, { code: new TOTP({ secret: Secret.fromBase32(secret) }).generate() }, AUTH_SECRET);
  return admin;
}

describe("admin invites a trainer", () => {
  it("refuses an admin without two-step sign-in (403, says what to do) and creates nothing", async () => {
    const admin = await createTrainer(t.db, { email: "admin.single.factor@example.com", password: PASSWORD, role: "admin" });
    await expect(inviteTrainer(t.db, admin, { email: "never.made@example.com", name: "Never" })).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining("two-step sign-in"),
    });
    expect(await t.db.select().from(users).where(eq(users.email, "never.made@example.com"))).toEqual([]);
  });

  it("creates a trainer with a one-time password for a new address", async () => {
    const admin = await enrolledAdmin("admin.inviter@example.com");
    const invited = await inviteTrainer(t.db, admin, { email: "New.Trainer@example.com", name: "New Trainer" });
    expect(invited).toMatchObject({ email: "new.trainer@example.com", name: "New Trainer" });
    expect(await checkPasswordSignIn(t.db, { email: invited.email, password: invited.password }, "192.0.2.10")).toMatchObject({
      role: "trainer",
    });
  });

  it.each([
    ["an admin", "admin" as const],
    ["a trainer", "trainer" as const],
    ["a student", "student" as const],
  ])("refuses an address that already belongs to %s (409) and leaves its password and role alone", async (_label, role) => {
    const admin = await enrolledAdmin(`admin.${role}@example.com`);
    const email = `existing.${role}@example.com`;
    if (role === "student") await t.db.insert(users).values({ email, role: "student" });
    else await createTrainer(t.db, { email, password: PASSWORD, role });
    const [before] = await t.db.select().from(users).where(eq(users.email, email));
    await expect(inviteTrainer(t.db, admin, { email, name: "Taken Over" })).rejects.toMatchObject({
      status: 409,
      message: expect.stringContaining("already has an account"),
    });
    const [after] = await t.db.select().from(users).where(eq(users.email, email));
    expect(after).toEqual(before);
  });
});
