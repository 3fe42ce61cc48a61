// POST /api/share-events – a student started playback (sent as a beacon from the player)
import { z } from "zod";
import { currentUser } from "@/lib/auth/session";
import { appContext } from "@/lib/context";
import { ApiError, handle, parseJson } from "@/lib/http";
import { clientIp, enforce, POLICIES } from "@/lib/rate-limit";
import { recordShareEvent, shareByToken, shareForStudent } from "@/lib/shares";

const body = z.union([
  z.object({ token: z.string().max(200), kind: z.literal("play") }),
  z.object({ shareId: z.string().max(100), kind: z.literal("play") }),
]);

export const POST = handle(async (req) => {
  const input = await parseJson(req, body, 4096);
  const ctx = await appContext();
  await enforce(ctx.db, POLICIES.shareLookupPerIp, clientIp(req.headers));
  let found;
  if ("token" in input) found = await shareByToken(ctx, input.token);
  else {
    const user = await currentUser();
    found = user ? await shareForStudent(ctx, user.email, input.shareId) : null;
  }
  if (!found) throw new ApiError(404, "Not found.");
  await recordShareEvent(ctx, found.share.id, input.kind);
  return new Response(null, { status: 204 });
});
