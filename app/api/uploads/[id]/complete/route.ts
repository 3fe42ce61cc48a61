// POST /api/uploads/[id]/complete – assemble from the ledger, verify size, share with the students
import { after, NextResponse } from "next/server";
import { trainerRoute } from "@/lib/auth/route";
import { appContext } from "@/lib/context";
import { deliverOutbox } from "@/lib/email";
import { dispatchMediaJobs } from "@/lib/media/dispatch";
import { completeUpload } from "@/lib/uploads";

export const POST = trainerRoute<{ id: string }>(async (_req, { trainer, params }) => {
  const ctx = await appContext();
  const { video, alreadyComplete } = await completeUpload(ctx, trainer, params.id);
  // Students' emails go out right after the response; the sweep retries any failure.
  if (!alreadyComplete) after(() => deliverOutbox(ctx).catch((err) => console.error("[apexshare] outbox delivery failed", err)));
  // In AWS: submit the MediaConvert job now (locally the worker picks the job up by itself).
  if (!alreadyComplete) after(() => dispatchMediaJobs(ctx).catch((err) => console.error("[apexshare] media dispatch failed", err)));
  return NextResponse.json({ videoId: video.id, status: video.status, alreadyComplete });
});
