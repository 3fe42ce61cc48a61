// POST /api/admin/trainers – a school admin creates a trainer account in their school (returns a one-time password)
import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/lib/database";
import { inviteTrainer } from "@/lib/auth/admin";
import { trainerRoute } from "@/lib/auth/route";
import { parseJson } from "@/lib/http";

export const POST = trainerRoute(async (req, { trainer }) => {
  const body = await parseJson(req, z.unknown());
  return NextResponse.json(await inviteTrainer(await getDb(), trainer, body), { status: 201 });
});
