import "server-only";
// Route-handler wrapper for trainer APIs: resolves the signed-in trainer, or
// answers 401 (not signed in) / 404 (signed in, but not a trainer — the same
// answer a missing object gets), and maps errors via lib/http.
import { ApiError, handle } from "@/lib/http";
import { currentUser, isTrainer, type SessionUser } from "./session";

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
