// POST /api/playback – fresh media URLs for a player whose URLs are about to expire: a student (link token or
// signed-in share, and the video of the session) or the trainer who owns the video (the watch & coach page).
import { NextResponse } from "next/server";
import { z } from "zod";
import { currentUser, isTrainer } from "@/lib/auth/session";
import { appContext } from "@/lib/context";
import { ApiError, handle, parseJson } from "@/lib/http";
import { clientIp, enforce, POLICIES } from "@/lib/rate-limit";
import { shareForViewer, viewerSchema } from "@/lib/shares";
import { ownedVideo, playbackFor } from "@/lib/videos";

const body = z.union([viewerSchema, z.object({ videoId: z.string().max(100) })]);

export const POST = handle(async (req) => {
  const input = await parseJson(req, body, 4096);
  const ctx = await appContext();
  await enforce(ctx.db, POLICIES.shareLookupPerIp, clientIp(req.headers));
  let video;
  if ("token" in input || "shareId" in input) {
    // A revoked or expired share gets no new URL: the ones it has die at their expiry.
    const found = await shareForViewer(ctx, input, currentUser);
    if (!found) throw new ApiError(404, "This video is no longer shared with you.");
    video = found.video;
  } else {
    const user = await currentUser();
    if (!isTrainer(user)) throw new ApiError(404, "Not found.");
    video = await ownedVideo(ctx.db, user.id, input.videoId); // 404 for anyone else's
  }
  const { chapters: _chapters, ...playback } = await playbackFor(ctx, video);
  return NextResponse.json(playback, { headers: { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" } });
});
