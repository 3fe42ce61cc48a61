// POST /api/shares/[id]/extend – the link lasts `days` more days from now (and works again if revoked)
import { NextResponse } from "next/server";
import { z } from "zod";
import { trainerRoute } from "@/lib/auth/route";
import { appContext } from "@/lib/context";
import { parseJson } from "@/lib/http";
import { extendShare } from "@/lib/shares";

export const POST = trainerRoute<{ id: string }>(async (req, { trainer, params }) => {
  const body = await parseJson(req, z.unknown());
  const share = await extendShare(await appContext(), trainer.id, params.id, body);
  return NextResponse.json({ id: share.id, expiresAt: share.expiresAt });
});
