// PATCH /api/school/trainers/[id] – deactivate or reactivate a trainer of the school, or change their admin rights
import { NextResponse } from "next/server";
import { z } from "zod";
import { changeSchoolTrainer } from "@/lib/auth/admin";
import { schoolAdminRoute } from "@/lib/auth/route";
import { appContext } from "@/lib/context";
import { parseJson } from "@/lib/http";

export const PATCH = schoolAdminRoute<{ id: string }>(async (req, { admin, params }) => {
  const body = await parseJson(req, z.unknown());
  await changeSchoolTrainer(await appContext(), admin, params.id, body);
  return NextResponse.json({ ok: true });
});
