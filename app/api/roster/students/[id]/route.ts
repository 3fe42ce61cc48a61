// PATCH /api/roster/students/[id] – edit a student's name, address, language or note; DELETE – take them off the roster
import { NextResponse } from "next/server";
import { z } from "zod";
import { trainerRoute } from "@/lib/auth/route";
import { getDb } from "@/lib/database";
import { parseJson } from "@/lib/http";
import { removeStudent, updateStudent } from "@/lib/roster";

export const PATCH = trainerRoute<{ id: string }>(async (req, { trainer, params }) => {
  const body = await parseJson(req, z.unknown());
  return NextResponse.json({ student: await updateStudent(await getDb(), trainer, params.id, body) });
});

export const DELETE = trainerRoute<{ id: string }>(async (_req, { trainer, params }) => {
  return NextResponse.json(await removeStudent(await getDb(), trainer, params.id));
});
