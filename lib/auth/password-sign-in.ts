// Password sign-in, as Auth.js's Credentials provider calls it. The attempt is
// reserved in the lockout counter (one atomic upsert) BEFORE the slow hash, so a
// burst of concurrent guesses cannot all be evaluated while the counter lags.
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { users, type User } from "@/db/schema";
import { hit, POLICIES, release } from "@/lib/rate-limit";
import { emailAddress } from "@/lib/email-address";
import { verifyPassword } from "./password";
import { readTicket, type TicketClaims } from "./sign-in-ticket";
import { hasTwoFactor } from "./two-factor";

const passwordSignIn = z.object({ email: emailAddress, password: z.string().min(1).max(1024) });

/**
 * The lockout counter's subject: one account from one network. Locking the
 * account itself would let anyone who knows a trainer's address lock them out
 * forever; a guesser still gets only 10 tries per network per 15 minutes (and
 * 100 per network overall), and magic-link sign-in is never locked.
 */
export const lockoutSubject = (email: string, ip: string) => `${email}|${ip}`;

/** The user when email + password are right and no limit is reached, else null (one answer for every failure). */
export async function checkPasswordSignIn(db: Database, raw: unknown, ip: string, now = new Date()): Promise<User | null> {
  const parsed = passwordSignIn.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  // Limits hold across instances (Postgres). Over a limit = a failed sign-in; the form says why.
  if (!(await hit(db, POLICIES.signInPerIp, ip, now)).ok) return null;
  const subject = lockoutSubject(email, ip);
  if (!(await hit(db, POLICIES.signInFailuresPerAccount, subject, now)).ok) return null;
  const [user] = await db.select().from(users).where(eq(users.email, email));
  // Same work and same answer whether the account is missing, a student, or the password is wrong.
  const ok = await verifyPassword(password, user?.passwordHash);
  if (!ok || !user || user.role === "student" || user.deactivatedAt) return null; // the reserved attempt stays counted
  // A right password gives its reservation back: only failures lock an account.
  await release(db, POLICIES.signInFailuresPerAccount, subject, now);
  return user;
}

/**
 * What Auth.js's Credentials provider accepts: a session ticket from our own sign-in
 * steps (every factor checked), or email + password for an account without a second
 * factor. A password alone never signs in an account that has one.
 */
export async function authorizeCredentials(
  db: Database,
  raw: unknown,
  ip: string,
  authSecret: string,
  now = new Date(),
): Promise<User | null> {
  const ticket = (raw as { ticket?: unknown } | null)?.ticket;
  if (ticket !== undefined && ticket !== "") return redeemSessionTicket(db, ticket, authSecret, now);
  const user = await checkPasswordSignIn(db, raw, ip, now);
  if (!user || (await hasTwoFactor(db, user.id))) return null;
  return user;
}

/** The account a ticket names, when it still may sign in: same session version, not deactivated, second factor checked if enrolled. */
export async function accountForTicket(db: Database, claims: TicketClaims | null): Promise<User | null> {
  if (!claims) return null;
  const [user] = await db.select().from(users).where(eq(users.id, claims.uid));
  if (!user || user.role === "student" || user.deactivatedAt || user.sessionVersion !== claims.sv) return null;
  return user;
}

async function redeemSessionTicket(db: Database, ticket: unknown, authSecret: string, now: Date): Promise<User | null> {
  const claims = readTicket(authSecret, ticket, "session", now);
  const user = await accountForTicket(db, claims);
  if (!user || (!claims!.tf && (await hasTwoFactor(db, user.id)))) return null;
  return user;
}
