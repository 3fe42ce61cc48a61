// PUT /api/uploads/[id]/parts/[n] – record a stored part (ETag, size) in the ledger
import { NextResponse } from "next/server";
import { z } from "zod";
import { trainerRoute } from "@/lib/auth/route";
import { parseJson } from "@/lib/http";
import { recordPart, uploadDeps } from "@/lib/uploads";

export const PUT = trainerRoute<{ id: string; n: string }>(async (req, { trainer, params }) => {
  const body = await parseJson(req, z.unknown());
  return NextResponse.json(await recordPart(await uploadDeps(), trainer, params.id, params.n, body));
});
