// POST /api/school/trainers – a school admin invites a trainer into their school (returns a one-time password)
import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/lib/database";
import { inviteTrainer } from "@/lib/auth/admin";
import { schoolAdminRoute } from "@/lib/auth/route";
import { parseJson } from "@/lib/http";

export const POST = schoolAdminRoute(async (req, { admin }) => {
  const body = await parseJson(req, z.unknown());
  return NextResponse.json(await inviteTrainer(await getDb(), admin, body), { status: 201 });
});
