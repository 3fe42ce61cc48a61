// GET /d/[token]/download?video=…&chapter=n – record the download and redirect to a presigned attachment GET
import { NextResponse } from "next/server";
import { appContext } from "@/lib/context";
import { handle } from "@/lib/http";
import { clientIp, POLICIES } from "@/lib/rate-limit";
import { downloadRedirectUrl, sessionByTokenLimited } from "@/lib/shares";

export const GET = handle<{ params: Promise<{ token: string }> }>(async (req, { params }) => {
  const { token } = await params;
  const ctx = await appContext();
  const found = await sessionByTokenLimited(ctx, token, { policy: POLICIES.shareLookupPerIp, subject: clientIp(req.headers) });
  // Unknown, expired or revoked: back to the link's page, which says so.
  if (!found) return NextResponse.redirect(new URL(`/d/${encodeURIComponent(token)}`, req.url), 303);
  const url = await downloadRedirectUrl(ctx, found, new URL(req.url).searchParams);
  return NextResponse.redirect(url, { status: 303, headers: { "Referrer-Policy": "no-referrer", "Cache-Control": "no-store" } });
});
