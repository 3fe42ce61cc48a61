// POST /api/shares/[id]/resend – email the student a fresh link (the old one stops working)
import { after, NextResponse } from "next/server";
import { trainerRoute } from "@/lib/auth/route";
import { appContext } from "@/lib/context";
import { deliverOutbox } from "@/lib/email";
import { resendShare } from "@/lib/shares";

export const POST = trainerRoute<{ id: string }>(async (_req, { trainer, params }) => {
  const ctx = await appContext();
  const share = await resendShare(ctx, trainer.id, params.id);
  after(() => deliverOutbox(ctx).catch((err) => console.error("[apexshare] outbox delivery failed", err)));
  return NextResponse.json({ id: share.id, expiresAt: share.expiresAt });
});
