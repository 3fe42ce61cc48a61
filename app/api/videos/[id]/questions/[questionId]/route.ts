// POST /api/videos/[id]/questions/[questionId] – the trainer answers a student's question and/or makes the thread public
import { after, NextResponse } from "next/server";
import { z } from "zod";
import { trainerRoute } from "@/lib/auth/route";
import { answerQuestion } from "@/lib/coaching";
import { appContext } from "@/lib/context";
import { deliverOutbox } from "@/lib/email";
import { parseJson } from "@/lib/http";

export const POST = trainerRoute<{ id: string; questionId: string }>(async (req, { trainer, params }) => {
  const ctx = await appContext();
  const question = await answerQuestion(ctx, trainer.id, params.id, params.questionId, await parseJson(req, z.unknown()));
  after(() => deliverOutbox(ctx).catch((err) => console.error("[apexshare] outbox delivery failed", err)));
  return NextResponse.json({ question });
});
