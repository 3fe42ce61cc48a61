import "server-only";
// Who is asking. Pages call requireTrainer()/requireStudent(); route handlers
// use the non-redirecting variants and answer 401/404 themselves.
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import type { Role } from "@/db/schema";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/database";
import { isUnavailable } from "@/lib/http";
import { clearSessionCookie, needsRefresh, readSessionCookie, refreshSessionCookie } from "./session-cookie";
import { revalidateAccount, type ClaimedSession } from "./session-version";
import { hasTwoFactor } from "./two-factor";

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  /** The school this trainer works for (null for students). */
  schoolId: string | null;
  /** Runs the school: its trainers, rules, roster and identity. */
  schoolAdmin: boolean;
}

// Once per request: a layout and its page both ask (they render in parallel, so each must
// check for itself). The cookie is decrypted here, not through Auth.js's auth(), which
// re-encrypts a new cookie on every call (lib/auth/session-cookie); the account is still
// re-read every request, so a bumped session version or a deactivation ends the session at once.
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const secret = getConfig().authSecret;
  const cookie = await readSessionCookie(secret);
  if (!cookie) return null;
  let account;
  try {
    account = await revalidateAccount(await getDb(), cookie.token);
  } catch (err) {
    // An outage, not "signed out": keep the cookie and answer 503 / the error page.
    if (isUnavailable(err)) {
      console.error("[apexshare] session check: database unreachable", err);
      throw new SessionCheckUnavailable();
    }
    throw err;
  }
  if (!account) {
    await clearSessionCookie(cookie.name); // revoked: Auth.js cleared it too
    return null;
  }
  const { uid, sub, email, name } = cookie.token;
  const id = String(uid ?? sub);
  if (!id || typeof email !== "string") return null;
  if (needsRefresh(cookie.token)) await refreshSessionCookie(cookie, secret);
  const trainer = account.role !== "student";
  return {
    id,
    email,
    name: typeof name === "string" ? name : null,
    role: account.role,
    schoolId: trainer ? account.schoolId : null,
    schoolAdmin: trainer && account.schoolAdmin,
  };
});

/** Postgres' "cannot connect now" code, so lib/http answers 503 + Retry-After and pages show the error page. */
class SessionCheckUnavailable extends Error {
  code = "57P03";
  constructor() {
    super("The session could not be checked: the database is unreachable.");
  }
}

/**
 * Who the session cookie says is asking, not yet checked against the account: for routes whose own
 * statement checks the session (`liveTrainerSession`, lib/auth/route's `claimedTrainerRoute`).
 */
export async function claimedSession(): Promise<(ClaimedSession & { email: string; name: string | null }) | null> {
  const cookie = await readSessionCookie(getConfig().authSecret);
  if (!cookie) return null;
  const { uid, sub, email, name, sv } = cookie.token;
  const id = uid ?? sub;
  if (typeof id !== "string" || !id || typeof email !== "string" || typeof sv !== "number") return null;
  return { id, email, name: typeof name === "string" ? name : null, sessionVersion: sv };
}

/** Re-issues this request's session cookie when its expiry is near (route handlers; see lib/auth/session-cookie). */
export async function refreshSessionIfDue(): Promise<void> {
  const secret = getConfig().authSecret;
  const cookie = await readSessionCookie(secret);
  if (cookie && needsRefresh(cookie.token)) await refreshSessionCookie(cookie, secret);
}

export const isTrainer = (u: SessionUser | null): u is SessionUser => !!u && (u.role === "trainer" || u.role === "admin");

/** For trainer pages: anonymous → sign in; a student → the refusal page. */
export async function requireTrainer(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect("/signin");
  if (!isTrainer(user)) redirect("/forbidden");
  return user;
}

/**
 * For admin pages: anyone else gets the same answer as for a page that does not exist,
 * and an admin without a second factor is sent to set one up first.
 */
export async function requireAdmin(): Promise<SessionUser> {
  const user = await requireTrainer();
  if (user.role !== "admin") notFound();
  if (!(await hasTwoFactor(await getDb(), user.id))) redirect("/trainer/security?required=admin");
  return user;
}

/** For school admin pages: a trainer who is not an admin of their school gets the missing-page answer; a second factor is required first. */
export async function requireSchoolAdmin(): Promise<SessionUser & { schoolId: string }> {
  const user = await requireTrainer();
  if (!user.schoolAdmin || !user.schoolId) notFound();
  if (!(await hasTwoFactor(await getDb(), user.id))) redirect("/trainer/security?required=admin");
  return user as SessionUser & { schoolId: string };
}

export async function requireStudent(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect("/signin");
  return user;
}
