import "server-only";
// Who is asking. Pages call requireTrainer()/requireStudent(); route handlers
// use the non-redirecting variants and answer 401/404 themselves.
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "./index";
import type { Role } from "@/db/schema";
import { getDb } from "@/lib/database";
import { hasTwoFactor } from "./two-factor";

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
}

// Once per request: a layout and its page both ask (they render in parallel, so each must
// check for itself), and each auth() call decrypts the session cookie again.
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  // The session could not be checked against the database (see the jwt callback): an outage, not "signed out".
  if ((session as { outage?: boolean } | null)?.outage) throw new SessionCheckUnavailable();
  const u = session?.user;
  if (!u?.id || !u.email) return null;
  return { id: u.id, email: u.email, name: u.name ?? null, role: u.role };
});

/** Postgres' "cannot connect now" code, so lib/http answers 503 + Retry-After and pages show the error page. */
class SessionCheckUnavailable extends Error {
  code = "57P03";
  constructor() {
    super("The session could not be checked: the database is unreachable.");
  }
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

export async function requireStudent(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect("/signin");
  return user;
}
