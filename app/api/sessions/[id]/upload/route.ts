// POST /api/sessions/[id]/upload – the upload page starts adding videos to this session (the students' email waits)
// DELETE /api/sessions/[id]/upload – its queue is done: one email per student about what it uploaded
import { after, NextResponse } from "next/server";
import { trainerRoute } from "@/lib/auth/route";
import { appContext } from "@/lib/context";
import { deliverOutbox } from "@/lib/email";
import { finishUpload, openUpload } from "@/lib/riding-sessions";

export const POST = trainerRoute<{ id: string }>(async (_req, { trainer, params }) => {
  return NextResponse.json(await openUpload(await appContext(), trainer, params.id));
});

export const DELETE = trainerRoute<{ id: string }>(async (_req, { trainer, params }) => {
  const ctx = await appContext();
  const announced = await finishUpload(ctx, trainer, params.id);
  if (announced.emails) after(() => deliverOutbox(ctx).catch((err) => console.error("[apexshare] outbox delivery failed", err)));
  return NextResponse.json(announced);
});
