// POST /api/admin/trainers – an admin creates a trainer account (returns a one-time password)
import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/lib/database";
import { inviteTrainer } from "@/lib/auth/admin";
import { trainerRoute } from "@/lib/auth/route";
import { ApiError, parseJson } from "@/lib/http";

export const POST = trainerRoute(async (req, { trainer }) => {
  if (trainer.role !== "admin") throw new ApiError(404, "Not found.");
  const body = await parseJson(req, z.unknown());
  return NextResponse.json(await inviteTrainer(await getDb(), trainer.id, body), { status: 201 });
});
