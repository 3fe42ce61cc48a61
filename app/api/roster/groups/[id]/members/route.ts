// POST /api/roster/groups/[id]/members – add students of the roster to the group
import { NextResponse } from "next/server";
import { z } from "zod";
import { trainerRoute } from "@/lib/auth/route";
import { getDb } from "@/lib/database";
import { parseJson } from "@/lib/http";
import { addGroupMembers } from "@/lib/roster";

export const POST = trainerRoute<{ id: string }>(async (req, { trainer, params }) => {
  const body = await parseJson(req, z.unknown());
  return NextResponse.json(await addGroupMembers(await getDb(), trainer, params.id, body));
});
