// POST /api/admin/schools – the platform admin creates a school with its first admin (returns their one-time password)
import { NextResponse } from "next/server";
import { z } from "zod";
import { createSchoolWithAdmin } from "@/lib/auth/admin";
import { platformAdminRoute } from "@/lib/auth/route";
import { getDb } from "@/lib/database";
import { parseJson } from "@/lib/http";

export const POST = platformAdminRoute(async (req, { admin }) => {
  const body = await parseJson(req, z.unknown());
  return NextResponse.json(await createSchoolWithAdmin(await getDb(), admin.id, body), { status: 201 });
});
