// POST /api/webhooks/ses?secret=… – SES bounce/complaint events via SNS (authenticated by the shared secret in the subscribed URL)
import { NextResponse } from "next/server";
import { z } from "zod";
import { appContext } from "@/lib/context";
import { handleSesEvent } from "@/lib/email/events";
import { ApiError, handle, parseJson, secretMatches } from "@/lib/http";

export const POST = handle(async (req) => {
  const url = new URL(req.url);
  const given = url.searchParams.get("secret") ?? req.headers.get("authorization");
  const ctx = await appContext();
  if (!secretMatches(given, ctx.config.email.webhookSecret)) throw new ApiError(401, "Missing or wrong webhook secret.");
  // SNS posts JSON with Content-Type text/plain; parse the text ourselves.
  const body = await parseJson(req, z.unknown(), { maxBytes: 256 * 1024, anyContentType: true });
  const outcome = await handleSesEvent(ctx, body);
  if (outcome.kind === "confirm") {
    const res = await fetch(outcome.subscribeUrl);
    if (!res.ok) throw new ApiError(502, "Could not confirm the SNS subscription.");
  }
  // Always 200 for events we understood or chose to ignore, else SNS retries for days.
  return NextResponse.json(outcome.kind === "confirm" ? { confirmed: true } : outcome);
});
