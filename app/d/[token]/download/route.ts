// GET /d/[token]/download – record the download and redirect to a presigned attachment GET
import { after, NextResponse } from "next/server";
import { appContext } from "@/lib/context";
import { ApiError, handle } from "@/lib/http";
import { clientIp, enforce, POLICIES } from "@/lib/rate-limit";
import { recordShareEvent, shareByToken } from "@/lib/shares";
import { chapterOriginal } from "@/lib/media";
import { downloadUrl } from "@/lib/videos";

export const GET = handle<{ params: Promise<{ token: string }> }>(async (req, { params }) => {
  const { token } = await params;
  const ctx = await appContext();
  await enforce(ctx.db, POLICIES.shareLookupPerIp, clientIp(req.headers));
  const found = await shareByToken(ctx, token);
  // Unknown, expired or revoked: back to the link's page, which says so.
  if (!found) return NextResponse.redirect(new URL(`/d/${encodeURIComponent(token)}`, req.url), 303);
  after(() => recordShareEvent(ctx, found.share.id, "download").catch((e) => console.error("[apexshare] download event", e)));
  // A recording in chapters: each chapter's original is downloadable (?chapter=n).
  const original = await chapterOriginal(ctx.db, found.video, new URL(req.url).searchParams.get("chapter"));
  if (!original) throw new ApiError(404, "No such chapter.");
  const url = await downloadUrl(ctx, original);
  return NextResponse.redirect(url, { status: 303, headers: { "Referrer-Policy": "no-referrer", "Cache-Control": "no-store" } });
});
