// POST /api/cron/sweep – retention + outbox retry; called by the scheduler with `Authorization: Bearer $CRON_SECRET`
import { timingSafeEqual } from "node:crypto";
import { NextResponse } from "next/server";
import { getConfig } from "@/lib/config";
import { ApiError, handle } from "@/lib/http";
import { runSweep } from "@/lib/retention";

function authorized(header: string | null, secret: string) {
  const given = Buffer.from(header?.replace(/^Bearer\s+/i, "") ?? "");
  const want = Buffer.from(secret);
  return given.length === want.length && timingSafeEqual(given, want);
}

export const POST = handle(async (req) => {
  if (!authorized(req.headers.get("authorization"), getConfig().cronSecret)) throw new ApiError(401, "Missing or wrong sweep secret.");
  return NextResponse.json(await runSweep());
});
