// GET /student/videos/[shareId]/download – a signed-in student's download of a video shared with them
import { after, NextResponse } from "next/server";
import { currentUser } from "@/lib/auth/session";
import { appContext } from "@/lib/context";
import { ApiError, handle } from "@/lib/http";
import { recordShareEvent, shareForStudent } from "@/lib/shares";
import { chapterOriginal } from "@/lib/media";
import { downloadUrl } from "@/lib/videos";

export const GET = handle<{ params: Promise<{ shareId: string }> }>(async (req, { params }) => {
  const user = await currentUser();
  if (!user) throw new ApiError(401, "Sign in first.");
  const { shareId } = await params;
  const ctx = await appContext();
  const found = await shareForStudent(ctx, user.email, shareId);
  if (!found) throw new ApiError(404, "Not found.");
  after(() => recordShareEvent(ctx, found.share.id, "download").catch((e) => console.error("[apexshare] download event", e)));
  // A recording in chapters: each chapter's original is downloadable (?chapter=n).
  const original = await chapterOriginal(ctx.db, found.video, new URL(req.url).searchParams.get("chapter"));
  if (!original) throw new ApiError(404, "No such chapter.");
  const url = await downloadUrl(ctx, original);
  return NextResponse.redirect(url, { status: 303, headers: { "Referrer-Policy": "no-referrer", "Cache-Control": "no-store" } });
});
