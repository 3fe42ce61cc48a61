// POST /api/uploads/[id]/complete – assemble from the ledger, verify size, share with the students
import { after, NextResponse } from "next/server";
import { claimedTrainerRoute } from "@/lib/auth/route";
import { appContext } from "@/lib/context";
import { deliverOutbox } from "@/lib/email";
import { dispatchMediaJobs } from "@/lib/media/dispatch";
import { completeUpload } from "@/lib/uploads";

// The session is checked inside completeUpload's first statement (claimedTrainerRoute).
export const POST = claimedTrainerRoute<{ id: string }>(async (_req, { trainer, params }) => {
  const ctx = await appContext();
  const { video, alreadyComplete, emails } = await completeUpload(ctx, trainer, params.id);
  // Students' emails (if this completion announced the session; while the upload page's action is open it
  // does not) go out right after the response; the sweep retries any failure.
  if (emails > 0) after(() => deliverOutbox(ctx).catch((err) => console.error("[apexshare] outbox delivery failed", err)));
  // In AWS: submit the MediaConvert job now (locally the worker picks the job up by itself).
  if (!alreadyComplete) after(() => dispatchMediaJobs(ctx).catch((err) => console.error("[apexshare] media dispatch failed", err)));
  return NextResponse.json({ videoId: video.id, status: video.status, alreadyComplete });
});
