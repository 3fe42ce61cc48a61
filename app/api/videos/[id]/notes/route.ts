// POST /api/videos/[id]/notes – the trainer pins a note (optionally with a drawing) to a moment of their video
import { after, NextResponse } from "next/server";
import { z } from "zod";
import { trainerRoute } from "@/lib/auth/route";
import { createNote } from "@/lib/coaching";
import { appContext } from "@/lib/context";
import { deliverOutbox } from "@/lib/email";
import { parseJson } from "@/lib/http";

export const POST = trainerRoute<{ id: string }>(async (req, { trainer, params }) => {
  const ctx = await appContext();
  const note = await createNote(ctx, trainer.id, params.id, await parseJson(req, z.unknown()));
  // The "new feedback" email waits in the outbox; delivering publishes when it is due, so the deployed sweep wakes for it.
  after(() => deliverOutbox(ctx).catch((err) => console.error("[apexshare] outbox delivery failed", err)));
  return NextResponse.json({ note }, { status: 201 });
});
