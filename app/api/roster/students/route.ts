// GET /api/roster/students?q= – the school's active students (searchable); POST – add one (or bring a removed one back)
import { NextResponse } from "next/server";
import { z } from "zod";
import { trainerRoute } from "@/lib/auth/route";
import { getDb } from "@/lib/database";
import { parseJson } from "@/lib/http";
import { addStudent, listStudents } from "@/lib/roster";

export const GET = trainerRoute(async (req, { trainer }) => {
  const q = new URL(req.url).searchParams.get("q") ?? undefined;
  return NextResponse.json({ students: await listStudents(await getDb(), trainer, { q }) });
});

export const POST = trainerRoute(async (req, { trainer }) => {
  const body = await parseJson(req, z.unknown());
  return NextResponse.json({ student: await addStudent(await getDb(), trainer, body) }, { status: 201 });
});
