// PATCH /api/roster/groups/[id] – rename a group; DELETE – delete it (its students stay on the roster)
import { NextResponse } from "next/server";
import { z } from "zod";
import { trainerRoute } from "@/lib/auth/route";
import { getDb } from "@/lib/database";
import { parseJson } from "@/lib/http";
import { deleteGroup, renameGroup } from "@/lib/roster";

export const PATCH = trainerRoute<{ id: string }>(async (req, { trainer, params }) => {
  const body = await parseJson(req, z.unknown());
  return NextResponse.json({ group: await renameGroup(await getDb(), trainer, params.id, body) });
});

export const DELETE = trainerRoute<{ id: string }>(async (_req, { trainer, params }) => {
  return NextResponse.json(await deleteGroup(await getDb(), trainer, params.id));
});
