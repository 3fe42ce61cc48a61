// The second factor (TOTP + recovery codes): enrolment, sign-in, replay, lockout, removal,
// what is stored at rest and what the audit log says. Codes are computed here with the
// same RFC 6238 library an authenticator app's algorithm matches (otpauth).
import { and, eq } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, recoveryCodes, twoFactor, type User } from "@/db/schema";
import { signOutEverywhere } from "@/lib/auth/accounts";
import { unseal } from "@/lib/email/seal";
import { authorizeCredentials } from "@/lib/auth/password-sign-in";
import { issueTicket, readTicket } from "@/lib/auth/sign-in-ticket";
import { createTrainer } from "@/lib/auth/trainers";
import {
  confirmEnrolment,
  disableTwoFactor,
  hasTwoFactor,
  hasTwoFactorByEmail,
  proveSecondFactor,
  startEnrolment,
  twoFactorStatus,
} from "@/lib/auth/two-factor";
import { openTestDatabase, type TestDatabase } from "../support/db";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t?.close());

const SECRET = "test-auth-secret-for-two-factor";
const PASSWORD = "a long enough passphrase";
const IP = "198.51.100.20";
const T0 = new Date("2026-11-23T01:00:05Z"); // 5 s into a 30 s step
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const codeAt = (secret: string, when: Date) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: when.getTime() });

async function auditOf(userId: string, action: string) {
  return t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.subjectId, userId), eq(auditLog.action, action)));
}

/** A trainer with the factor turned on at T0; returns the app's secret and the recovery codes. */
async function enrolled(email: string): Promise<{ user: User; secret: string; codes: string[] }> {
  const user = await createTrainer(t.db, { email, password: PASSWORD, name: email });
  await startEnrolment(t.db, user.id, SECRET);
  const secret = (await twoFactorStatus(t.db, user, SECRET)).pending!.secret;
  const codes = await confirmEnrolment(t.db, user.id, { code: codeAt(secret, T0) }, SECRET, T0);
  return { user, secret, codes };
}

describe("enrolment", () => {
  it("needs a right code from the app, stores the secret sealed and only hashes of the recovery codes, and is audited", async () => {
    const user = await createTrainer(t.db, { email: "enrol@example.com", password: PASSWORD, name: "Enrol" });
    await startEnrolment(t.db, user.id, SECRET);
    const status = await twoFactorStatus(t.db, user, SECRET);
    expect(status.enabledAt).toBeNull();
    const secret = status.pending!.secret;
    expect(status.pending!.uri).toMatch(/^otpauth:\/\/totp\/ApexShare:enrol%40example\.com\?/);
    // A pending enrolment is no factor yet: password sign-in still works on its own.
    expect(await hasTwoFactor(t.db, user.id)).toBe(false);

    const wrong = String((Number(codeAt(secret, T0)) + 1) % 1_000_000).padStart(6, "0");
    await expect(confirmEnrolment(t.db, user.id, { code: wrong }, SECRET, T0)).rejects.toMatchObject({ status: 400 });
    expect(await hasTwoFactor(t.db, user.id)).toBe(false);

    const codes = await confirmEnrolment(t.db, user.id, { code: codeAt(secret, T0) }, SECRET, T0);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
    expect(await hasTwoFactor(t.db, user.id)).toBe(true);
    expect(await twoFactorStatus(t.db, user, SECRET)).toMatchObject({ recoveryCodesLeft: 10, pending: null });

    // At rest: neither the secret nor a recovery code appears in the database.
    const [row] = await t.db.select().from(twoFactor).where(eq(twoFactor.userId, user.id));
    expect(row.secretSealed).not.toContain(secret);
    const stored = await t.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    expect(stored).toHaveLength(10);
    const dump = JSON.stringify(stored);
    for (const c of codes) expect(dump).not.toContain(c.replace("-", ""));
    // Another AUTH_SECRET cannot read it (a database dump without the secret yields no codes).
    expect(unseal(row.secretSealed, SECRET, "totp")).toBe(secret);
    expect(() => unseal(row.secretSealed, "another-secret", "totp")).toThrow();
    expect(await auditOf(user.id, "two-factor.enabled")).toHaveLength(1);
  });

  it("cannot be started again over a factor that is on", async () => {
    const { user } = await enrolled("again@example.com");
    await expect(startEnrolment(t.db, user.id, SECRET)).rejects.toMatchObject({ status: 409 });
  });
});

describe("sign-in codes", () => {
  it("a code is accepted once: the same code again, or an older one, is refused; a newer one passes", async () => {
    const { user, secret } = await enrolled("replay@example.com");
    // The enrolment code (step of T0) was used: replaying it at sign-in is refused.
    await expect(proveSecondFactor(t.db, user.id, { code: codeAt(secret, T0) }, SECRET, at(10))).rejects.toMatchObject({ status: 400 });
    const next = codeAt(secret, at(30));
    await expect(proveSecondFactor(t.db, user.id, { code: next }, SECRET, at(31))).resolves.toBe("totp");
    await expect(proveSecondFactor(t.db, user.id, { code: next }, SECRET, at(35))).rejects.toMatchObject({ status: 400 });
    // Spaces as apps show them ("123 456") are fine.
    const later = codeAt(secret, at(60));
    await expect(proveSecondFactor(t.db, user.id, { code: `${later.slice(0, 3)} ${later.slice(3)}` }, SECRET, at(61))).resolves.toBe(
      "totp",
    );
    // A code from two steps ago is outside the ±1 step window.
    await expect(proveSecondFactor(t.db, user.id, { code: codeAt(secret, at(90)) }, SECRET, at(150))).rejects.toMatchObject({
      status: 400,
    });
  });

  it("two requests racing with the same fresh code: exactly one wins", async () => {
    const { user, secret } = await enrolled("race@example.com");
    const code = codeAt(secret, at(30));
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => proveSecondFactor(t.db, user.id, { code }, SECRET, at(31))));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("a recovery code works once, is audited with how many are left, and then is refused", async () => {
    const { user, codes } = await enrolled("recovery@example.com");
    await expect(proveSecondFactor(t.db, user.id, { code: codes[3].toUpperCase() }, SECRET, at(5))).resolves.toBe("recovery");
    await expect(proveSecondFactor(t.db, user.id, { code: codes[3] }, SECRET, at(6))).rejects.toMatchObject({ status: 400 });
    const [used] = await auditOf(user.id, "two-factor.recovery-used");
    expect(used.details).toEqual({ left: 9 });
    // Another account's recovery code is not this account's.
    const other = await enrolled("recovery.other@example.com");
    await expect(proveSecondFactor(t.db, user.id, { code: other.codes[0] }, SECRET, at(7))).rejects.toMatchObject({ status: 400 });
  });

  it("wrong codes lock the account's second step like passwords: after 10, even the right code is refused (429)", async () => {
    const { user, secret } = await enrolled("lockout@example.com");
    const right = codeAt(secret, at(30));
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, "0");
    // Concurrent guesses are all counted before any is checked.
    const guesses = await Promise.allSettled(
      Array.from({ length: 10 }, () => proveSecondFactor(t.db, user.id, { code: wrong }, SECRET, at(31))),
    );
    expect(guesses.every((g) => g.status === "rejected")).toBe(true);
    await expect(proveSecondFactor(t.db, user.id, { code: right }, SECRET, at(32))).rejects.toMatchObject({ status: 429 });
    // The next window starts afresh.
    await expect(proveSecondFactor(t.db, user.id, { code: codeAt(secret, at(15 * 60)) }, SECRET, at(15 * 60 + 1))).resolves.toBe("totp");
  });
});

describe("sign-in steps", () => {
  it("a password alone never signs in an enrolled account, through our form or Auth.js's own endpoint", async () => {
    const { user } = await enrolled("password.only@example.com");
    expect(await authorizeCredentials(t.db, { email: user.email, password: PASSWORD }, IP, SECRET)).toBeNull();
    // Without a factor, the password is enough.
    const plain = await createTrainer(t.db, { email: "no.factor@example.com", password: PASSWORD, name: "Plain" });
    expect(await authorizeCredentials(t.db, { email: plain.email, password: PASSWORD }, IP, SECRET)).toMatchObject({ id: plain.id });
  });

  it("a session needs a ticket that says the second factor was checked, signed with AUTH_SECRET, fresh and for this session version", async () => {
    const { user } = await enrolled("tickets@example.com");
    const ticket = (purpose: "session" | "second-factor", tf: boolean, now = new Date(), secret = SECRET) =>
      issueTicket(secret, { uid: user.id, sv: user.sessionVersion, purpose, tf }, now);
    expect(await authorizeCredentials(t.db, { ticket: ticket("session", true) }, IP, SECRET)).toMatchObject({ id: user.id });
    // Password step only (no code yet): no session.
    expect(await authorizeCredentials(t.db, { ticket: ticket("session", false) }, IP, SECRET)).toBeNull();
    // The pending "code still owed" state is not a session ticket.
    expect(await authorizeCredentials(t.db, { ticket: ticket("second-factor", true) }, IP, SECRET)).toBeNull();
    // Forged (another secret), tampered, expired.
    expect(await authorizeCredentials(t.db, { ticket: ticket("session", true, new Date(), "forged") }, IP, SECRET)).toBeNull();
    const [body, sig] = ticket("session", false).split(".");
    const flipped = Buffer.from(Buffer.from(body, "base64url").toString().replace('"tf":false', '"tf":true')).toString("base64url");
    expect(await authorizeCredentials(t.db, { ticket: `${flipped}.${sig}` }, IP, SECRET)).toBeNull();
    expect(await authorizeCredentials(t.db, { ticket: ticket("session", true, new Date(Date.now() - 61_000)) }, IP, SECRET)).toBeNull();
    // The pending state lasts 5 minutes, and "sign out of all devices" voids it.
    const pending = ticket("second-factor", false);
    expect(readTicket(SECRET, pending, "second-factor", new Date(Date.now() + 299_000))).not.toBeNull();
    expect(readTicket(SECRET, pending, "second-factor", new Date(Date.now() + 301_000))).toBeNull();
    await signOutEverywhere(t.db, user.id);
    expect(await authorizeCredentials(t.db, { ticket: ticket("session", true) }, IP, SECRET)).toBeNull();
  });

  it("a magic link is refused for an enrolled account (looked up by address)", async () => {
    const { user } = await enrolled("magic@example.com");
    expect(await hasTwoFactorByEmail(t.db, user.email.toUpperCase())).toBe(true);
    expect(await hasTwoFactorByEmail(t.db, "nobody@example.com")).toBe(false);
  });
});

describe("removal", () => {
  it("needs a current code or the password, removes secret and recovery codes, and is audited", async () => {
    const { user, secret } = await enrolled("remove@example.com");
    await expect(disableTwoFactor(t.db, user.id, {}, SECRET, at(5))).rejects.toMatchObject({ status: 400 });
    await expect(disableTwoFactor(t.db, user.id, { password: "not the password" }, SECRET, at(5))).rejects.toMatchObject({ status: 400 });
    await expect(disableTwoFactor(t.db, user.id, { code: codeAt(secret, T0) }, SECRET, at(5))).rejects.toMatchObject({ status: 400 }); // replayed
    expect(await hasTwoFactor(t.db, user.id)).toBe(true);
    await disableTwoFactor(t.db, user.id, { code: codeAt(secret, at(30)) }, SECRET, at(31));
    expect(await hasTwoFactor(t.db, user.id)).toBe(false);
    expect(await t.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id))).toHaveLength(0);
    expect((await auditOf(user.id, "two-factor.disabled"))[0].details).toEqual({ proof: "totp" });

    const second = await enrolled("remove.password@example.com");
    await disableTwoFactor(t.db, second.user.id, { password: PASSWORD }, SECRET, at(5));
    expect(await hasTwoFactor(t.db, second.user.id)).toBe(false);
    expect((await auditOf(second.user.id, "two-factor.disabled"))[0].details).toEqual({ proof: "password" });
  });
});
