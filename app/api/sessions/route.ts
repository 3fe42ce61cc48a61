// POST /api/sessions – a new riding session with its students; the upload page's action starts (emails wait for it)
import { NextResponse } from "next/server";
import { z } from "zod";
import { trainerRoute } from "@/lib/auth/route";
import { appContext } from "@/lib/context";
import { parseJson } from "@/lib/http";
import { createSession } from "@/lib/riding-sessions";

export const POST = trainerRoute(async (req, { trainer }) => {
  const body = await parseJson(req, z.unknown());
  const session = await createSession(await appContext(), trainer, body, { openUpload: true });
  return NextResponse.json({ id: session.id, title: session.title }, { status: 201 });
});
