// POST /api/shares/[id]/resend – email the student a fresh link (the old one stops working)
import { after, NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { trainerRoute } from "@/lib/auth/route";
import { deliverOutbox } from "@/lib/email";
import { resendShare, shareContext } from "@/lib/shares";

export const POST = trainerRoute<{ id: string }>(async (_req, { trainer, params }) => {
  const share = await resendShare(await getDb(), shareContext(), trainer.id, params.id);
  after(() => deliverOutbox().catch((err) => console.error("[apexshare] outbox delivery failed", err)));
  return NextResponse.json({ id: share.id, expiresAt: share.expiresAt });
});
