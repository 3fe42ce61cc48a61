// Second factor for trainers and admins: TOTP (RFC 6238 — 6 digits, 30 s, SHA-1, what every
// authenticator app speaks) through `otpauth`, plus ten single-use recovery codes.
// The secret is sealed at rest (AES-256-GCM, key from AUTH_SECRET); recovery codes are
// stored as SHA-256. A code is accepted once: the step of the last accepted code is kept
// and only a later step passes (one conditional UPDATE, so two requests racing with the
// same code cannot both win). Wrong codes count against a lockout, like passwords.
import { createHash, randomBytes } from "node:crypto";
import { and, count, eq, isNotNull, isNull, lt, or } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import { z } from "zod";
import type { Database } from "@/db/client";
import { recoveryCodes, twoFactor, users } from "@/db/schema";
import { audit } from "@/lib/audit";
import { seal, unseal } from "@/lib/email/seal";
import { ApiError, parseInput } from "@/lib/http";
import { hit, POLICIES, release, tooManyMessage } from "@/lib/rate-limit";
import { verifyPassword } from "./password";

const ISSUER = "ApexShare";
const PERIOD_SECONDS = 30;
const SEAL_PURPOSE = "totp";
export const RECOVERY_CODE_COUNT = 10;

const totpFor = (secretBase32: string, label: string) =>
  new TOTP({ issuer: ISSUER, label, algorithm: "SHA1", digits: 6, period: PERIOD_SECONDS, secret: Secret.fromBase32(secretBase32) });

const normalizeCode = (code: string) => code.replace(/[\s-]/g, "").toLowerCase();
const isTotpCode = (code: string) => /^\d{6}$/.test(code);
const isRecoveryCode = (code: string) => /^[a-z2-7]{10}$/.test(code);
const hashRecoveryCode = (code: string) => createHash("sha256").update(`apexshare-recovery:${code}`).digest("base64url");

/** 10 characters of base32 (50 random bits), shown as "abcde-fghij". */
function newRecoveryCode(): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  const chars = [...randomBytes(10)].map((b) => alphabet[b & 31]).join("");
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** The TOTP time step a code belongs to (±1 step of clock drift), or null when it matches none. */
function stepOf(secretBase32: string, code: string, now: Date): number | null {
  const delta = totpFor(secretBase32, "").validate({ token: code, timestamp: now.getTime(), window: 1 });
  return delta === null ? null : Math.floor(now.getTime() / 1000 / PERIOD_SECONDS) + delta;
}

export async function hasTwoFactor(db: Database, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: twoFactor.userId })
    .from(twoFactor)
    .where(and(eq(twoFactor.userId, userId), isNotNull(twoFactor.enabledAt)));
  return !!row;
}

export interface TwoFactorStatus {
  enabledAt: Date | null;
  recoveryCodesLeft: number;
  /** While enrolment waits for its first code: what the authenticator app needs. */
  pending: { secret: string; uri: string } | null;
}

export async function twoFactorStatus(db: Database, user: { id: string; email: string }, authSecret: string): Promise<TwoFactorStatus> {
  const [row] = await db.select().from(twoFactor).where(eq(twoFactor.userId, user.id));
  if (!row) return { enabledAt: null, recoveryCodesLeft: 0, pending: null };
  if (!row.enabledAt) {
    const secret = unseal(row.secretSealed, authSecret, SEAL_PURPOSE);
    return { enabledAt: null, recoveryCodesLeft: 0, pending: { secret, uri: totpFor(secret, user.email).toString() } };
  }
  const [left] = await db
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, user.id), isNull(recoveryCodes.usedAt)));
  return { enabledAt: row.enabledAt, recoveryCodesLeft: left?.n ?? 0, pending: null };
}

/** Starts (or restarts) enrolment with a fresh secret; it counts only once a code confirms it. */
export async function startEnrolment(db: Database, userId: string, authSecret: string): Promise<void> {
  if (await hasTwoFactor(db, userId)) throw new ApiError(409, "Two-step sign-in is already on. Turn it off first to set up another app.");
  const sealed = seal(new Secret({ size: 20 }).base32, authSecret, SEAL_PURPOSE);
  await db
    .insert(twoFactor)
    .values({ userId, secretSealed: sealed })
    .onConflictDoUpdate({ target: twoFactor.userId, set: { secretSealed: sealed, lastUsedStep: null, createdAt: new Date() } });
}

const codeInput = z.object({ code: z.string().trim().min(1, "Enter the code from your app.").max(64) });

/** Reserves one attempt in the lockout before any check; a success gives it back. */
async function withCodeLockout<T>(db: Database, userId: string, now: Date, check: () => Promise<T | null>, wrong: string): Promise<T> {
  const policy = POLICIES.secondFactorFailuresPerAccount;
  const v = await hit(db, policy, userId, now);
  if (!v.ok) throw new ApiError(429, tooManyMessage(policy, v.retryAfterSeconds), { "Retry-After": String(v.retryAfterSeconds) });
  const result = await check();
  if (result === null) throw new ApiError(400, wrong);
  await release(db, policy, userId, now);
  return result;
}

const WRONG_CODE = "That code is not right or was already used. Enter the newest code from your app.";

/** Confirms enrolment with a first code; returns the recovery codes, shown once and stored only as hashes. */
export async function confirmEnrolment(
  db: Database,
  userId: string,
  input: unknown,
  authSecret: string,
  now = new Date(),
): Promise<string[]> {
  const code = normalizeCode(parseInput(codeInput, input).code);
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await withCodeLockout(
    db,
    userId,
    now,
    async () => {
      const [row] = await db
        .select()
        .from(twoFactor)
        .where(and(eq(twoFactor.userId, userId), isNull(twoFactor.enabledAt)));
      if (!row) throw new ApiError(409, "Start the set-up again: there is no authenticator waiting to be confirmed.");
      const step = isTotpCode(code) ? stepOf(unseal(row.secretSealed, authSecret, SEAL_PURPOSE), code, now) : null;
      if (step === null) return null;
      return db.transaction(async (tx) => {
        const [enabled] = await tx
          .update(twoFactor)
          .set({ enabledAt: now, lastUsedStep: step })
          .where(and(eq(twoFactor.userId, userId), isNull(twoFactor.enabledAt)))
          .returning({ userId: twoFactor.userId });
        if (!enabled) return null;
        await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
        await tx.insert(recoveryCodes).values(codes.map((c) => ({ userId, codeHash: hashRecoveryCode(normalizeCode(c)) })));
        return true;
      });
    },
    WRONG_CODE,
  );
  await audit(db, { actorId: userId, action: "two-factor.enabled", subjectType: "user", subjectId: userId, details: { method: "totp" } });
  return codes;
}

/** A TOTP code newer than the last accepted one, or an unused recovery code (used up here). */
async function acceptCode(db: Database, userId: string, code: string, authSecret: string, now: Date): Promise<"totp" | "recovery" | null> {
  if (isTotpCode(code)) {
    const [row] = await db
      .select()
      .from(twoFactor)
      .where(and(eq(twoFactor.userId, userId), isNotNull(twoFactor.enabledAt)));
    const step = row ? stepOf(unseal(row.secretSealed, authSecret, SEAL_PURPOSE), code, now) : null;
    if (step === null) return null;
    const [accepted] = await db
      .update(twoFactor)
      .set({ lastUsedStep: step })
      .where(and(eq(twoFactor.userId, userId), or(isNull(twoFactor.lastUsedStep), lt(twoFactor.lastUsedStep, step))))
      .returning({ userId: twoFactor.userId });
    return accepted ? "totp" : null;
  }
  if (!isRecoveryCode(code) || !(await hasTwoFactor(db, userId))) return null;
  const [used] = await db
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hashRecoveryCode(code)), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  if (!used) return null;
  const [left] = await db
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  await audit(db, {
    actorId: userId,
    action: "two-factor.recovery-used",
    subjectType: "user",
    subjectId: userId,
    details: { left: left?.n ?? 0 },
  });
  return "recovery";
}

/** The second step of sign-in (and of turning the factor off): throws 400 for a wrong or replayed code, 429 when locked out. */
export async function proveSecondFactor(db: Database, userId: string, input: unknown, authSecret: string, now = new Date()) {
  const code = normalizeCode(parseInput(codeInput, input).code);
  return withCodeLockout(db, userId, now, () => acceptCode(db, userId, code, authSecret, now), WRONG_CODE);
}

const disableInput = z.object({ code: z.string().trim().max(64).optional(), password: z.string().max(1024).optional() });

/** Turns the second factor off; needs a current code (or recovery code) or the password. */
export async function disableTwoFactor(db: Database, userId: string, input: unknown, authSecret: string, now = new Date()): Promise<void> {
  const { code, password } = parseInput(disableInput, input);
  let proof: string;
  if (code) proof = await proveSecondFactor(db, userId, { code }, authSecret, now);
  else if (password) {
    proof = await withCodeLockout(
      db,
      userId,
      now,
      async () => {
        const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
        return (await verifyPassword(password, user?.passwordHash)) ? "password" : null;
      },
      "That password is not right.",
    );
  } else throw new ApiError(400, "Enter a code from your app (or a recovery code), or your password.");
  await db.transaction(async (tx) => {
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    await tx.delete(twoFactor).where(eq(twoFactor.userId, userId));
  });
  await audit(db, { actorId: userId, action: "two-factor.disabled", subjectType: "user", subjectId: userId, details: { proof } });
}

export async function hasTwoFactorByEmail(db: Database, email: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: twoFactor.userId })
    .from(twoFactor)
    .innerJoin(users, eq(users.id, twoFactor.userId))
    .where(and(eq(users.email, email.toLowerCase()), isNotNull(twoFactor.enabledAt)));
  return !!row;
}
