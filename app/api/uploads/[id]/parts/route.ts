// POST /api/uploads/[id]/parts – presign a batch of part URLs (short-lived; ask again when they expire)
// Both are called dozens of times per upload: the session is checked inside their statements (claimedTrainerRoute).
import { NextResponse } from "next/server";
import { z } from "zod";
import { claimedTrainerRoute } from "@/lib/auth/route";
import { appContext } from "@/lib/context";
import { parseJson } from "@/lib/http";
import { recordParts, signParts } from "@/lib/uploads";

export const POST = claimedTrainerRoute<{ id: string }>(async (req, { trainer, params }) => {
  const body = await parseJson(req, z.unknown());
  return NextResponse.json(await signParts(await appContext(), trainer, params.id, body));
});

// PUT /api/uploads/[id]/parts – record a batch of stored parts ({ parts: [{ partNumber, etag, size }] })
export const PUT = claimedTrainerRoute<{ id: string }>(async (req, { trainer, params }) => {
  const body = await parseJson(req, z.unknown());
  return NextResponse.json(await recordParts(await appContext(), trainer, params.id, body));
});
