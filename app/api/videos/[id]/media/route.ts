// POST /api/videos/[id]/media – retry the failed media job (renditions, poster, storyboard) of the trainer's video
import { NextResponse } from "next/server";
import { trainerRoute } from "@/lib/auth/route";
import { appContext } from "@/lib/context";
import { ApiError } from "@/lib/http";
import { retryMediaJob } from "@/lib/media";

export const POST = trainerRoute<{ id: string }>(async (_req, { trainer, params }) => {
  const ctx = await appContext();
  if (!(await retryMediaJob(ctx.db, trainer.id, params.id, ctx.now())))
    throw new ApiError(409, "There is no failed phone version to retry for this video (a file that is not a video cannot be retried).");
  return NextResponse.json({ queued: true });
});
