import "server-only";
// Route-handler wrapper for trainer APIs: resolves the signed-in trainer, or
// answers 401 (not signed in) / 404 (signed in, but not a trainer — the same
// answer a missing object gets), and maps errors via lib/http.
import { getDb } from "@/lib/database";
import { ApiError, handle } from "@/lib/http";
import { currentUser, isTrainer, type SessionUser } from "./session";
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

/**
 * For school-admin APIs: as trainerRoute, and anyone but an admin of their school gets 404. Like
 * the school-admin pages, it takes two-step sign-in: without it, a 403 that says what to do.
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
