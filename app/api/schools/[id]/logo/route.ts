// GET /api/schools/[id]/logo – public: a redirect to a short-lived signed URL of the school's logo (404 without one)
import { NextResponse } from "next/server";
import { appContext } from "@/lib/context";
import { ApiError, handle } from "@/lib/http";
import { schoolLogoUrl } from "@/lib/schools/identity";

// The lasting address emails carry. Public like the logo on a letterhead; the object itself stays
// private (presigned or CloudFront-signed like every media URL). A browser or CDN may keep the
// redirect for a while, well within the signed URL's lifetime.
export const GET = handle<{ params: Promise<{ id: string }> }>(async (_req, { params }) => {
  const ctx = await appContext();
  const url = await schoolLogoUrl(ctx, (await params).id);
  if (!url) throw new ApiError(404, "This school has no logo.");
  const maxAge = Math.max(0, Math.min(300, Math.floor(ctx.config.s3.mediaUrlTtlSeconds / 3)));
  return new NextResponse(null, { status: 302, headers: { Location: url, "Cache-Control": `public, max-age=${maxAge}` } });
});
