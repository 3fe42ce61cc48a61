// GET /student/videos/[shareId]/download – a signed-in student's download of a video shared with them
import { after, NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { currentUser } from "@/lib/auth/session";
import { ApiError, handle } from "@/lib/http";
import { MEDIA_URL_TTL_SECONDS, recordShareEvent, shareForStudent } from "@/lib/shares";
import { getStorage } from "@/lib/storage";

export const GET = handle<{ params: Promise<{ shareId: string }> }>(async (_req, { params }) => {
  const user = await currentUser();
  if (!user) throw new ApiError(401, "Sign in first.");
  const { shareId } = await params;
  const db = await getDb();
  const found = await shareForStudent(db, user.email, shareId);
  if (!found) throw new ApiError(404, "Not found.");
  after(() => recordShareEvent(db, found.share.id, "download").catch((e) => console.error("[apexshare] download event", e)));
  const url = await getStorage().presignGet(found.video.objectKey, MEDIA_URL_TTL_SECONDS, { downloadName: found.video.originalFileName });
  return NextResponse.redirect(url, { status: 303, headers: { "Referrer-Policy": "no-referrer", "Cache-Control": "no-store" } });
});
