// GET /student/videos/[shareId]/download?video=…&chapter=n – a signed-in student's download of a video of a session shared with them
import { NextResponse } from "next/server";
import { currentUser } from "@/lib/auth/session";
import { appContext } from "@/lib/context";
import { ApiError, handle } from "@/lib/http";
import { downloadRedirectUrl, sessionForStudent } from "@/lib/shares";

export const GET = handle<{ params: Promise<{ shareId: string }> }>(async (req, { params }) => {
  const user = await currentUser();
  if (!user) throw new ApiError(401, "Sign in first.");
  const { shareId } = await params;
  const ctx = await appContext();
  const found = await sessionForStudent(ctx, user.email, shareId);
  if (!found) throw new ApiError(404, "Not found.");
  const url = await downloadRedirectUrl(ctx, found, new URL(req.url).searchParams);
  return NextResponse.redirect(url, { status: 303, headers: { "Referrer-Policy": "no-referrer", "Cache-Control": "no-store" } });
});
