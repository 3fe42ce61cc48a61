// POST /api/cron/sweep – retention + outbox retry; called by the scheduler with `Authorization: Bearer $CRON_SECRET`
import { NextResponse } from "next/server";
import { getConfig } from "@/lib/config";
import { ApiError, handle, secretMatches } from "@/lib/http";
import { runSweep } from "@/lib/retention";

export const POST = handle(async (req) => {
  if (!secretMatches(req.headers.get("authorization"), getConfig().cronSecret)) throw new ApiError(401, "Missing or wrong sweep secret.");
  return NextResponse.json(await runSweep());
});
