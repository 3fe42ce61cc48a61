// POST /api/share-events – a student started playback (sent as a beacon from the player)
import { z } from "zod";
import { getDb } from "@/db/client";
import { currentUser } from "@/lib/auth/session";
import { ApiError, handle, parseJson } from "@/lib/http";
import { clientIp, enforce, POLICIES } from "@/lib/rate-limit";
import { recordShareEvent, shareByToken, shareForStudent } from "@/lib/shares";

const body = z.union([
  z.object({ token: z.string().max(200), kind: z.literal("play") }),
  z.object({ shareId: z.string().max(100), kind: z.literal("play") }),
]);

export const POST = handle(async (req) => {
  const input = await parseJson(req, body, 4096);
  const db = await getDb();
  await enforce(db, POLICIES.shareLookupPerIp, clientIp(req.headers));
  let found;
  if ("token" in input) found = await shareByToken(db, input.token);
  else {
    const user = await currentUser();
    found = user ? await shareForStudent(db, user.email, input.shareId) : null;
  }
  if (!found) throw new ApiError(404, "Not found.");
  await recordShareEvent(db, found.share.id, input.kind);
  return new Response(null, { status: 204 });
});
