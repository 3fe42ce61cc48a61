// POST /api/shares/[id]/revoke – the student's link stops working now
import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { trainerRoute } from "@/lib/auth/route";
import { revokeShare } from "@/lib/shares";

export const POST = trainerRoute<{ id: string }>(async (_req, { trainer, params }) => {
  const share = await revokeShare(await getDb(), trainer.id, params.id);
  return NextResponse.json({ id: share.id, revokedAt: share.revokedAt });
});
