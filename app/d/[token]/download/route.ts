// GET /d/[token]/download – record the download and redirect to a presigned attachment GET
import { after, NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { MEDIA_URL_TTL_SECONDS, recordShareEvent, shareByToken } from "@/lib/shares";
import { getStorage } from "@/lib/storage";
import { handle } from "@/lib/http";
import { clientIp, enforce, POLICIES } from "@/lib/rate-limit";

export const GET = handle<{ params: Promise<{ token: string }> }>(async (req, { params }) => {
  const { token } = await params;
  const db = await getDb();
  await enforce(db, POLICIES.shareLookupPerIp, clientIp(req.headers));
  const found = await shareByToken(db, token);
  // Unknown, expired or revoked: back to the link's page, which says so.
  if (!found) return NextResponse.redirect(new URL(`/d/${encodeURIComponent(token)}`, req.url), 303);
  after(() => recordShareEvent(db, found.share.id, "download").catch((e) => console.error("[apexshare] download event", e)));
  const url = await getStorage().presignGet(found.video.objectKey, MEDIA_URL_TTL_SECONDS, { downloadName: found.video.originalFileName });
  return NextResponse.redirect(url, { status: 303, headers: { "Referrer-Policy": "no-referrer", "Cache-Control": "no-store" } });
});
