// POST /api/shares/[id]/extend – { days }: the link lasts N days longer than it did (never shorter; works again if revoked)
import { NextResponse } from "next/server";
import { z } from "zod";
import { trainerRoute } from "@/lib/auth/route";
import { appContext } from "@/lib/context";
import { parseJson } from "@/lib/http";
import { extendShare } from "@/lib/shares";

export const POST = trainerRoute<{ id: string }>(async (req, { trainer, params }) => {
  const body = await parseJson(req, z.unknown());
  const r = await extendShare(await appContext(), trainer.id, params.id, body);
  return NextResponse.json({ id: r.share.id, expiresAt: r.share.expiresAt, heldToRetention: r.heldToRetention });
});
