// POST /api/school/logo – presign the browser's upload of a new logo (PNG/JPEG/WebP, ≤ 512 kB, enforced by S3)
// PUT /api/school/logo – the upload finished: check the object and make it the school's logo
// DELETE /api/school/logo – remove the school's logo
import { NextResponse } from "next/server";
import { z } from "zod";
import { schoolAdminRoute } from "@/lib/auth/route";
import { appContext } from "@/lib/context";
import { parseJson } from "@/lib/http";
import { recordLogo, removeLogo, signLogoUpload } from "@/lib/schools/identity";

export const POST = schoolAdminRoute(async (req, { admin }) => {
  const body = await parseJson(req, z.unknown());
  return NextResponse.json(await signLogoUpload(await appContext(), admin, body));
});

export const PUT = schoolAdminRoute(async (req, { admin }) => {
  const body = await parseJson(req, z.unknown());
  return NextResponse.json({ school: await recordLogo(await appContext(), admin, body) });
});

export const DELETE = schoolAdminRoute(async (_req, { admin }) => {
  return NextResponse.json({ school: await removeLogo(await appContext(), admin) });
});
