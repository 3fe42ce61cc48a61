// GET /api/roster/groups – the school's groups with their active members; POST – create one
import { NextResponse } from "next/server";
import { z } from "zod";
import { trainerRoute } from "@/lib/auth/route";
import { getDb } from "@/lib/database";
import { parseJson } from "@/lib/http";
import { createGroup, listGroups } from "@/lib/roster";

export const GET = trainerRoute(async (_req, { trainer }) => {
  return NextResponse.json({ groups: await listGroups(await getDb(), trainer) });
});

export const POST = trainerRoute(async (req, { trainer }) => {
  const body = await parseJson(req, z.unknown());
  return NextResponse.json({ group: await createGroup(await getDb(), trainer, body) }, { status: 201 });
});
