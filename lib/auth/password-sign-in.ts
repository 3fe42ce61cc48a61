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
