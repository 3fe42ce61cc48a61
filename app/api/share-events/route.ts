// POST /api/share-events – a student started playback of a video of their session, or played some of it (beacons from the player)
import { z } from "zod";
import { currentUser } from "@/lib/auth/session";
import { appContext } from "@/lib/context";
import { ApiError, handle, parseJson } from "@/lib/http";
import { clientIp, enforce, POLICIES } from "@/lib/rate-limit";
import { progressSlices, recordProgress, recordShareEvent, shareForViewer, viewerSchema } from "@/lib/shares";

// "play" when playback starts; "progress" with the slices (of 100) played since the last beacon.
const event = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("play") }),
  z.object({ kind: z.literal("progress"), slices: progressSlices }),
]);
const body = z.intersection(viewerSchema, event);

export const POST = handle(async (req) => {
  const input = await parseJson(req, body, 4096);
  const ctx = await appContext();
  await enforce(ctx.db, POLICIES.shareLookupPerIp, clientIp(req.headers));
  const found = await shareForViewer(ctx, input, currentUser);
  if (!found) throw new ApiError(404, "Not found.");
  if (input.kind === "progress") await recordProgress(ctx, found.share.id, found.video.id, input.slices);
  else await recordShareEvent(ctx, found.share.id, input.kind, found.video.id);
  return new Response(null, { status: 204 });
});
