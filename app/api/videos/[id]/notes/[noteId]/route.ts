// PUT /api/videos/[id]/notes/[noteId] – edit a note · DELETE – remove it
import { after, NextResponse } from "next/server";
import { z } from "zod";
import { trainerRoute } from "@/lib/auth/route";
import { deleteNote, updateNote } from "@/lib/coaching";
import { appContext } from "@/lib/context";
import { deliverOutbox } from "@/lib/email";
import { parseJson } from "@/lib/http";

type Params = { id: string; noteId: string };

export const PUT = trainerRoute<Params>(async (req, { trainer, params }) => {
  const ctx = await appContext();
  const note = await updateNote(ctx, trainer.id, params.id, params.noteId, await parseJson(req, z.unknown()));
  // As for a new note: publishes when the (pushed back) "new feedback" email is due.
  after(() => deliverOutbox(ctx).catch((err) => console.error("[apexshare] outbox delivery failed", err)));
  return NextResponse.json({ note });
});

export const DELETE = trainerRoute<Params>(async (_req, { trainer, params }) => {
  return NextResponse.json(await deleteNote(await appContext(), trainer.id, params.id, params.noteId));
});
