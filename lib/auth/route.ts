import "server-only";
// Route-handler wrapper for trainer APIs: resolves the signed-in trainer, or
// answers 401 (not signed in) / 404 (signed in, but not a trainer — the same
// answer a missing object gets), and maps errors via lib/http.
import { ApiError, handle } from "@/lib/http";
import { getDb } from "@/lib/database";
import { claimedSession, currentUser, isTrainer, refreshSessionIfDue, type SessionUser } from "./session";
import type { ClaimedSession } from "./session-version";
import { hasTwoFactor } from "./two-factor";

type Params = Record<string, string | string[]>;
type Ctx<P extends Params> = { params: Promise<P> };

export function trainerRoute<P extends Params = Record<string, never>>(
  fn: (req: Request, args: { trainer: SessionUser; params: P }) => Promise<Response>,
) {
  return handle<Ctx<P>>(async (req, ctx) => {
    const user = await currentUser();
    if (!user) throw new ApiError(401, "Sign in first.");
    if (!isTrainer(user)) throw new ApiError(404, "Not found.");
    return fn(req, { trainer: user, params: await ctx.params });
  });
}

/** A trainer as the session cookie claims them: the route's statement checks it (`liveTrainerSession`). */
export type ClaimedTrainer = ClaimedSession & { email: string; name: string | null };

/**
 * `trainerRoute` for the hottest trainer APIs (signing and recording upload parts: dozens of calls per
 * upload). The session is checked inside the route's own statement, guarded by `liveTrainerSession`,
 * instead of by a statement of its own. Such a statement finds nothing for a revoked, deactivated or
 * demoted session, which `fn` answers with its 404; on that (or any other refusal) the full check
 * runs, so the answer is what `trainerRoute` gives: 401 when the session is gone, else the refusal.
 */
export function claimedTrainerRoute<P extends Params = Record<string, never>>(
  fn: (req: Request, args: { trainer: ClaimedTrainer; params: P }) => Promise<Response>,
) {
  return handle<Ctx<P>>(async (req, ctx) => {
    const claimed = await claimedSession();
    if (!claimed) throw new ApiError(401, "Sign in first.");
    let response: Response;
    try {
      response = await fn(req, { trainer: claimed, params: await ctx.params });
    } catch (err) {
      // A refusal may come before the statement (a malformed body) or be the statement finding nothing:
      // either way a request whose session is gone is told to sign in, as trainerRoute would.
      if (err instanceof ApiError && !(await currentUser())) throw new ApiError(401, "Sign in first.");
      throw err;
    }
    await refreshSessionIfDue();
    return response;
  });
}

/**
 * For school-admin APIs: anyone who is not an admin of their school gets the missing-object
 * answer; an admin without two-step sign-in is told to turn it on (the rule for admin pages).
 */
export function schoolAdminRoute<P extends Params = Record<string, never>>(
  fn: (req: Request, args: { admin: SessionUser & { schoolId: string }; params: P }) => Promise<Response>,
) {
  return trainerRoute<P>(async (req, { trainer, params }) => {
    if (!trainer.schoolAdmin || !trainer.schoolId) throw new ApiError(404, "Not found.");
    if (!(await hasTwoFactor(await getDb(), trainer.id)))
      throw new ApiError(403, "Turn on two-step sign-in on your Security page first: school admins need it to change the school.");
    return fn(req, { admin: trainer as SessionUser & { schoolId: string }, params });
  });
}

/** For platform-admin APIs (the instance's operator: creates schools), with two-step sign-in. */
export function platformAdminRoute<P extends Params = Record<string, never>>(
  fn: (req: Request, args: { admin: SessionUser; params: P }) => Promise<Response>,
) {
  return trainerRoute<P>(async (req, { trainer, params }) => {
    if (trainer.role !== "admin") throw new ApiError(404, "Not found.");
    if (!(await hasTwoFactor(await getDb(), trainer.id)))
      throw new ApiError(403, "Turn on two-step sign-in on your Security page first: admins need it.");
    return fn(req, { admin: trainer, params });
  });
}
