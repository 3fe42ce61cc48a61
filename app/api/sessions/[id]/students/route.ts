// POST /api/sessions/[id]/students – add students to a session; each new one is emailed the whole session
import { after, NextResponse } from "next/server";
import { z } from "zod";
import { trainerRoute } from "@/lib/auth/route";
import { appContext } from "@/lib/context";
import { deliverOutbox } from "@/lib/email";
import { parseJson } from "@/lib/http";
import { addStudents } from "@/lib/riding-sessions";

export const POST = trainerRoute<{ id: string }>(async (req, { trainer, params }) => {
  const body = await parseJson(req, z.unknown());
  const ctx = await appContext();
  const result = await addStudents(ctx, trainer, params.id, body);
  if (result.emailed) after(() => deliverOutbox(ctx).catch((err) => console.error("[apexshare] outbox delivery failed", err)));
  return NextResponse.json(result);
});
