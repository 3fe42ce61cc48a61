// POST /api/shares/[id]/revoke – the student's link stops working now
import { NextResponse } from "next/server";
import { trainerRoute } from "@/lib/auth/route";
import { appContext } from "@/lib/context";
import { revokeShare } from "@/lib/shares";

export const POST = trainerRoute<{ id: string }>(async (_req, { trainer, params }) => {
  const share = await revokeShare(await appContext(), trainer.id, params.id);
  return NextResponse.json({ id: share.id, revokedAt: share.revokedAt });
});
