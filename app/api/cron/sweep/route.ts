// POST /api/cron/sweep – retention + outbox retry; called by the scheduler with `Authorization: Bearer $CRON_SECRET`
import { NextResponse } from "next/server";
import { appContext } from "@/lib/context";
import { ApiError, handle, secretMatches } from "@/lib/http";
import { runSweep } from "@/lib/retention";

export const POST = handle(async (req) => {
  const ctx = await appContext();
  if (!secretMatches(req.headers.get("authorization"), ctx.config.cronSecret)) throw new ApiError(401, "Missing or wrong sweep secret.");
  return NextResponse.json(await runSweep(ctx));
});
