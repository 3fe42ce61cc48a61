// POST /api/uploads – start (or resume) a direct-to-S3 multipart upload (new ones count against the hourly quota)
import { NextResponse } from "next/server";
import { trainerRoute } from "@/lib/auth/route";
import { appContext } from "@/lib/context";
import { parseJson } from "@/lib/http";
import { createUpload } from "@/lib/uploads";
import { z } from "zod";

export const POST = trainerRoute(async (req, { trainer }) => {
  const body = await parseJson(req, z.unknown());
  const ctx = await appContext();
  const state = await createUpload(ctx, trainer, body);
  return NextResponse.json(state, { status: state.resumed ? 200 : 201 });
});
