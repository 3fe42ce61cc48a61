// POST /api/shares/[id]/expiry – extend by N days (only lengthens), set an end date, or expire now
import { NextResponse } from "next/server";
import { z } from "zod";
import { trainerRoute } from "@/lib/auth/route";
import { appContext } from "@/lib/context";
import { parseJson } from "@/lib/http";
import { changeShareExpiry } from "@/lib/shares";

export const POST = trainerRoute<{ id: string }>(async (req, { trainer, params }) => {
  const body = await parseJson(req, z.unknown());
  const r = await changeShareExpiry(await appContext(), trainer.id, params.id, body);
  return NextResponse.json({
    id: r.share.id,
    expiresAt: r.share.expiresAt,
    heldToRetention: r.heldToRetention,
    retentionEndsAt: r.retentionEndsAt,
  });
});
