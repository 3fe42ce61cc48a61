// Revocable sessions. The cookie is a JWT that lives 30 days, so it carries the
// account's session version, and every request re-reads the account (once per
// request) : a bumped version, a deactivated account or a deleted one ends the
// session, and the role always comes from the database, never from the cookie.
import { eq, sql } from "drizzle-orm";
import { preparedStatement } from "@/lib/database/prepared";
import { cache } from "react";
import type { Database } from "@/db/client";
import { users, type Role } from "@/db/schema";

export interface SessionClaims {
  uid?: unknown;
  sub?: unknown;
  role?: unknown;
  sv?: unknown;
}

// Every signed-in request runs this: prepared once per database handle (lib/database/prepared).
const accountById = preparedStatement((db: Database) =>
  db
    .select({
      role: users.role,
      sessionVersion: users.sessionVersion,
      deactivatedAt: users.deactivatedAt,
      schoolId: users.schoolId,
      schoolAdmin: users.schoolAdmin,
    })
    .from(users)
    .where(eq(users.id, sql.placeholder("userId")))
    .prepare("account_by_id"),
);

// React's cache(): one lookup per request however many components ask (a no-op outside a render).
const loadAccount = cache(async (db: Database, userId: string) => {
  const [row] = await accountById(db).execute({ userId });
  return row ?? null;
});

export async function isDeactivated(db: Database, email: string): Promise<boolean> {
  const [row] = await db.select({ deactivatedAt: users.deactivatedAt }).from(users).where(eq(users.email, email.toLowerCase()));
  return !!row?.deactivatedAt;
}

/** The claims a new session starts with. */
export async function claimsForSignIn(db: Database, userId: string): Promise<{ uid: string; role: Role; sv: number } | null> {
  const row = await loadAccount(db, userId);
  if (!row || row.deactivatedAt) return null;
  return { uid: userId, role: row.role, sv: row.sessionVersion };
}

/** The token with its role refreshed from the database, or null when the session was revoked. */
export async function revalidateSession<T extends SessionClaims>(db: Database, token: T): Promise<(T & { role: Role }) | null> {
  const fresh = await revalidateAccount(db, token);
  return fresh && { ...token, role: fresh.role };
}

/** The account behind a session token, read fresh (role and school standing), or null when the session was revoked. */
export async function revalidateAccount(db: Database, token: SessionClaims) {
  const uid = token.uid ?? token.sub;
  if (typeof uid !== "string") return null;
  const row = await loadAccount(db, uid);
  if (!row || row.deactivatedAt || row.sessionVersion !== token.sv) return null;
  return row;
}

/** Ends every session of the user (all devices, this one included). */
export async function bumpSessionVersion(db: Pick<Database, "update">, userId: string) {
  await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
}

/**
 * The session check as a condition of another statement, for the hottest trainer APIs (signing and
 * recording upload parts, dozens of calls per upload): a statement guarded by it acts only while the
 * account is an active trainer whose session version is the cookie's — the same test as
 * `revalidateAccount`, without a round trip of its own. Its values are the placeholders
 * `sessionUserId` and `sessionVersion` (`liveTrainerSessionParams`), so it fits a prepared statement.
 */
export const liveTrainerSession = sql`exists (select 1 from ${users} session_account
  where session_account.id = ${sql.placeholder("sessionUserId")}::text
    and session_account.session_version = ${sql.placeholder("sessionVersion")}::int
    and session_account.deactivated_at is null
    and session_account.role in ('trainer', 'admin'))`;

/** Who the cookie says is asking: what `liveTrainerSession` checks against. */
export interface ClaimedSession {
  id: string;
  sessionVersion: number;
}

export const liveTrainerSessionParams = (claimed: ClaimedSession) => ({
  sessionUserId: claimed.id,
  sessionVersion: claimed.sessionVersion,
});
