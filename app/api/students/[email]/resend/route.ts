// POST /api/students/[email]/resend – a fresh link to every session of this trainer shared with the student
import { after, NextResponse } from "next/server";
import { trainerRoute } from "@/lib/auth/route";
import { appContext } from "@/lib/context";
import { deliverOutbox } from "@/lib/email";
import { ApiError } from "@/lib/http";
import { resendEverything } from "@/lib/riding-sessions";

export const POST = trainerRoute<{ email: string }>(async (_req, { trainer, params }) => {
  let email: string;
  try {
    email = decodeURIComponent(params.email);
  } catch {
    throw new ApiError(404, "No session is shared with this student.");
  }
  const ctx = await appContext();
  const result = await resendEverything(ctx, trainer, email.slice(0, 320));
  if (result.resent) after(() => deliverOutbox(ctx).catch((err) => console.error("[apexshare] outbox delivery failed", err)));
  return NextResponse.json(result);
});
