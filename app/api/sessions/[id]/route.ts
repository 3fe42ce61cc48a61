// PATCH /api/sessions/[id] – edit the session's title, notes or date after upload
import { NextResponse } from "next/server";
import { z } from "zod";
import { trainerRoute } from "@/lib/auth/route";
import { appContext } from "@/lib/context";
import { parseJson } from "@/lib/http";
import { updateSession } from "@/lib/riding-sessions";

export const PATCH = trainerRoute<{ id: string }>(async (req, { trainer, params }) => {
  const body = await parseJson(req, z.unknown());
  const session = await updateSession(await appContext(), trainer, params.id, body);
  return NextResponse.json({ id: session.id, title: session.title, sessionDate: session.sessionDate, notes: session.notes });
});
