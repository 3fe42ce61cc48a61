// POST /api/uploads/[id]/thumbnail – record duration, presign the POST (JPEG only, size-capped) of a small JPEG drawn in the browser
import { NextResponse } from "next/server";
import { z } from "zod";
import { trainerRoute } from "@/lib/auth/route";
import { appContext } from "@/lib/context";
import { parseJson } from "@/lib/http";
import { signThumbnail } from "@/lib/uploads";

export const POST = trainerRoute<{ id: string }>(async (req, { trainer, params }) => {
  const body = await parseJson(req, z.unknown());
  return NextResponse.json(await signThumbnail(await appContext(), trainer, params.id, body));
});
