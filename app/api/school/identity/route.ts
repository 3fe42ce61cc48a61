// PATCH /api/school/identity – a school admin sets the school's name and reply-to address
import { NextResponse } from "next/server";
import { z } from "zod";
import { schoolAdminRoute } from "@/lib/auth/route";
import { appContext } from "@/lib/context";
import { parseJson } from "@/lib/http";
import { updateSchoolIdentity } from "@/lib/schools/identity";

export const PATCH = schoolAdminRoute(async (req, { admin }) => {
  const body = await parseJson(req, z.unknown());
  return NextResponse.json({ school: await updateSchoolIdentity(await appContext(), admin, body) });
});
