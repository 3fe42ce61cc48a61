// PUT /api/school/settings – the school's rules: default language, how long videos are kept, how long links last
import { NextResponse } from "next/server";
import { z } from "zod";
import { schoolAdminRoute } from "@/lib/auth/route";
import { appContext } from "@/lib/context";
import { parseJson } from "@/lib/http";
import { updateSchoolSettings } from "@/lib/schools";

export const PUT = schoolAdminRoute(async (req, { admin }) => {
  const body = await parseJson(req, z.unknown());
  const school = await updateSchoolSettings(await appContext(), admin, body);
  return NextResponse.json({
    id: school.id,
    defaultLanguage: school.defaultLanguage,
    retentionDays: school.retentionDays,
    shareExpiryDays: school.shareExpiryDays,
  });
});
