// Fixed-window rate limits kept in Postgres, so they hold across any number of
// server instances (Lambda) without Redis. One upsert per check.
import { and, eq, sql, type Placeholder } from "drizzle-orm";
import type { Database } from "@/db/client";
import { rateLimits } from "@/db/schema";
import { getConfig } from "@/lib/config";
import { ApiError, type ErrorCode } from "@/lib/http";
import { clientIpFrom, type TrustProxy } from "@/lib/security/client-ip";

export interface Policy {
  /** What is limited, in words a person understands ("sign-in attempts"). */
  what: string;
  limit: number;
  windowSeconds: number;
  /**
   * For a limit a trainer can meet in the UI: the code the page words the refusal with, in the
   * trainer's language, given the wait in `minutes` (lib/http ErrorCode; e.g. "uploadErrors.tooManyUploads").
   */
  code?: string;
}

// Trainers sign in a few times a day; a guesser needs thousands of tries.
export const POLICIES = {
  signInFailuresPerAccount: { what: "failed sign-in attempts for this account from your network", limit: 10, windowSeconds: 15 * 60 },
  // Counted like passwords (reserved before the check, given back on success). Per account: only
  // someone who already has the password can spend it, and 10 tries at a 6-digit code is nothing.
  secondFactorFailuresPerAccount: { what: "wrong sign-in codes for this account", limit: 10, windowSeconds: 15 * 60 },
  signInPerIp: { what: "sign-in attempts from your network", limit: 100, windowSeconds: 15 * 60 },
  magicLinkPerAddress: { what: "sign-in links for this address", limit: 5, windowSeconds: 15 * 60 },
  magicLinkPerIp: { what: "sign-in links requested from your network", limit: 20, windowSeconds: 15 * 60 },
  shareLookupPerIp: { what: "video link requests from your network", limit: 300, windowSeconds: 60 },
  resendPerShare: { what: "resends of this link", limit: 1, windowSeconds: 60 },
  uploadsPerTrainer: { what: "new uploads", limit: 200, windowSeconds: 60 * 60, code: "tooManyUploads" },
  questionsPerStudent: { what: "questions on this video", limit: 30, windowSeconds: 60 * 60 },
} satisfies Record<string, Policy>;

export interface Verdict {
  ok: boolean;
  count: number;
  retryAfterSeconds: number;
}

/** Multiplies every limit (RATE_LIMIT_SCALE), e.g. for load tests from one address. */
const scale = () => getConfig().rateLimitScale;

function windowOf(policy: Policy, now: Date) {
  const ms = policy.windowSeconds * 1000;
  const start = Math.floor(now.getTime() / ms) * ms;
  return { start: new Date(start), retryAfterSeconds: Math.max(1, Math.ceil((start + ms - now.getTime()) / 1000)) };
}

/** Counts one event and says whether it is within the limit. */
export async function hit(db: Database, policy: Policy, subject: string, now = new Date()): Promise<Verdict> {
  const { start, retryAfterSeconds } = windowOf(policy, now);
  const key = `${policy.what}:${subject}`;
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart: start, count: 1 })
    .onConflictDoUpdate({ target: [rateLimits.key, rateLimits.windowStart], set: { count: sql`${rateLimits.count} + 1` } })
    .returning({ count: rateLimits.count });
  return { ok: row.count <= policy.limit * scale(), count: row.count, retryAfterSeconds };
}

/**
 * One counted event as a CTE, for the query the limit guards: the limit costs no round trip of its
 * own. Postgres runs a data-modifying CTE exactly once whether or not the outer query reads it, so
 * the event is counted even when the guarded lookup finds nothing. Select `hits.count` from it
 * (as the first FROM, left-joining the lookup) and pass that to `enforceCount`. Made for a prepared
 * statement (lib/database/prepared): its key and window are the placeholders `rateKey` and
 * `rateWindow`, which `hitParams` fills at each execution.
 */
export function preparedHitCte(db: Database) {
  return countedHit(db, sql.placeholder("rateKey"), sql.placeholder("rateWindow"));
}

/** The values a `preparedHitCte` runs with: one event of `policy` for `subject`, in the window `now` falls in. */
export function hitParams(policy: Policy, subject: string, now = new Date()) {
  return { rateKey: `${policy.what}:${subject}`, rateWindow: windowOf(policy, now).start };
}

// Placeholders in values are bound to their column, so a window's Date is written as the column writes one.
function countedHit(db: Database, key: Placeholder, windowStart: Placeholder) {
  const upsert = db
    .insert(rateLimits)
    .values({ key, windowStart, count: 1 })
    .onConflictDoUpdate({ target: [rateLimits.key, rateLimits.windowStart], set: { count: sql`${rateLimits.count} + 1` } })
    .returning({ count: rateLimits.count });
  return db.$with("rate_limit_hit", { count: sql<number>`count`.mapWith(Number).as("count") }).as(upsert.getSQL());
}

/** Throws the 429 for a count a `preparedHitCte` returned, when it is over the limit. */
export function enforceCount(policy: Policy, count: number, now = new Date()) {
  const { retryAfterSeconds } = windowOf(policy, now);
  if (count > policy.limit * scale()) throw tooMany(policy, retryAfterSeconds);
}

/** Gives back one counted event (a reservation that turned out not to count, e.g. a right password). */
export async function release(db: Database, policy: Policy, subject: string, now = new Date()): Promise<void> {
  const { start } = windowOf(policy, now);
  await db
    .update(rateLimits)
    .set({ count: sql`greatest(${rateLimits.count} - 1, 0)` })
    .where(and(eq(rateLimits.key, `${policy.what}:${subject}`), eq(rateLimits.windowStart, start)));
}

/** Whether the limit is already reached, without counting. */
export async function peek(db: Database, policy: Policy, subject: string, now = new Date()): Promise<Verdict> {
  const { start, retryAfterSeconds } = windowOf(policy, now);
  const [row] = await db
    .select({ count: rateLimits.count })
    .from(rateLimits)
    .where(and(eq(rateLimits.key, `${policy.what}:${subject}`), eq(rateLimits.windowStart, start)));
  const count = row?.count ?? 0;
  return { ok: count < policy.limit * scale(), count, retryAfterSeconds };
}

export function tooManyMessage(policy: Policy, retryAfterSeconds: number) {
  const wait = retryAfterSeconds < 90 ? `${retryAfterSeconds} seconds` : `${Math.ceil(retryAfterSeconds / 60)} minutes`;
  return `Too many ${policy.what}. Please try again in ${wait}.`;
}

/** Counts and throws a 429 with Retry-After when over the limit. */
export async function enforce(db: Database, policy: Policy, subject: string, now = new Date()) {
  const v = await hit(db, policy, subject, now);
  if (!v.ok) throw tooMany(policy, v.retryAfterSeconds);
}

/** The 429: the English sentence for API clients, Retry-After, and the policy's code for the UI. */
function tooMany(policy: Policy, retryAfterSeconds: number): ApiError {
  const coded: ErrorCode | undefined = policy.code
    ? { code: policy.code, values: { minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)) } }
    : undefined;
  return new ApiError(429, tooManyMessage(policy, retryAfterSeconds), { "Retry-After": String(retryAfterSeconds) }, coded);
}

/** The client's address from the configured trust chain (TRUST_PROXY); see lib/security/client-ip. */
export function clientIp(headers: Headers, trust: TrustProxy = getConfig().trustProxy): string {
  return clientIpFrom(headers, trust);
}
