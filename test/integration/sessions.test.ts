// Sessions can be revoked: an old cookie stops working after sign-out
// everywhere, a password change, a role change and deactivation, and the role
// is always re-read from the database rather than trusted from the cookie.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { changePassword, deactivateUser, setRole, signOutEverywhere } from "@/lib/auth/accounts";
import { checkPasswordSignIn } from "@/lib/auth/password-sign-in";
import { claimsForSignIn, revalidateSession } from "@/lib/auth/session-version";
import { createTrainer } from "@/lib/auth/trainers";
import { openTestDatabase, type TestDatabase } from "../support/db";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t?.close());

const PASSWORD = "a long enough passphrase";

/** The claims in a cookie minted at sign-in, as the jwt callback stores them. */
async function signedIn(email: string, role: "trainer" | "admin" = "trainer") {
  const user = await createTrainer(t.db, { email, password: PASSWORD, name: email, role });
  const claims = await claimsForSignIn(t.db, user.id);
  expect(claims).not.toBeNull();
  return { user, cookie: { ...claims!, sub: user.id } };
}

describe("revocable sessions", () => {
  it("a cookie keeps working until something revokes it, and its role is re-read every request", async () => {
    const { user, cookie } = await signedIn("steady.session@example.com", "admin");
    expect(await revalidateSession(t.db, cookie)).toMatchObject({ role: "admin" });
    // A role edited straight in the database (no bump) is still seen at once.
    await t.db.update(users).set({ role: "trainer" }).where(eq(users.id, user.id));
    expect(await revalidateSession(t.db, cookie)).toMatchObject({ role: "trainer" });
  });

  it("sign out of all devices ends an old cookie", async () => {
    const { user, cookie } = await signedIn("everywhere@example.com");
    await signOutEverywhere(t.db, user.id);
    expect(await revalidateSession(t.db, cookie)).toBeNull();
  });

  it("a password change ends an old cookie", async () => {
    const { user, cookie } = await signedIn("changed.password@example.com");
    await changePassword(t.db, user.id, { currentPassword: PASSWORD, newPassword: "another long passphrase" });
    expect(await revalidateSession(t.db, cookie)).toBeNull();
  });

  it("a demoted admin's old cookie stops working (admin pages included)", async () => {
    const { user, cookie } = await signedIn("demoted.admin@example.com", "admin");
    await setRole(t.db, "some-admin", user.id, "trainer");
    expect(await revalidateSession(t.db, cookie)).toBeNull();
  });

  it("deactivation ends every session and refuses new sign-ins", async () => {
    const { user, cookie } = await signedIn("deactivated@example.com");
    await deactivateUser(t.db, "some-admin", user.id);
    expect(await revalidateSession(t.db, cookie)).toBeNull();
    expect(await claimsForSignIn(t.db, user.id)).toBeNull();
    expect(await checkPasswordSignIn(t.db, { email: user.email, password: PASSWORD }, "192.0.2.1")).toBeNull();
  });
});
