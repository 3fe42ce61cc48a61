// GET /d/[token] – the student's link page: server-rendered HTML plus one small module (components/student-page), no React runtime
import { after } from "next/server";
import { linkUnavailableHtml, studentPageHtml, type PageAssets } from "@/components/student-page/render";
import { studentCoaching, viewerOfShare } from "@/lib/coaching";
import { appContext } from "@/lib/context";
import { wakingPage } from "@/lib/health/waking";
import { isUnavailable } from "@/lib/http";
import { requestLocale, studentPageLocale } from "@/lib/i18n";
import { pickVideo, recordShareEvent, sessionByToken } from "@/lib/shares";
import { playbackFor } from "@/lib/videos";

export const dynamic = "force-dynamic";

// Built inside `next build` by scripts/student-page-module.mjs (next.config.ts puts them here).
const ASSETS: PageAssets = { script: process.env.APEX_STUDENT_PAGE_SCRIPT ?? "", css: process.env.APEX_STUDENT_PAGE_CSS ?? "" };

// The token is the credential: never in a Referer (proxy.ts also sends Referrer-Policy), never in a cache.
const page = (body: string, status: number) =>
  new Response(body, { status, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "private, no-store" } });

export async function GET(req: Request, { params }: { params: Promise<{ token: string }> }) {
  // proxy.ts made the CSP nonce and counted the per-network limit (over it: a 429 page before we get here).
  const nonce = req.headers.get("x-nonce") ?? "";
  try {
    return await linkPage(req, (await params).token, nonce);
  } catch (err) {
    // The database went away mid-request: the self-reloading page (503), as proxy.ts answers while it wakes up.
    if (isUnavailable(err)) return wakingPage(nonce, requestLocale(req.headers));
    throw err;
  }
}

async function linkPage(req: Request, token: string, nonce: string): Promise<Response> {
  const ctx = await appContext();
  const found = await sessionByToken(ctx, token);
  // Unknown, malformed, expired or revoked: the same friendly page, with a 404.
  if (!found) return page(linkUnavailableHtml({ locale: requestLocale(req.headers), nonce, assets: ASSETS }), 404);
  const video = pickVideo(found, new URL(req.url).searchParams.get("v") ?? undefined);
  // The language the trainer chose for this student, whatever this browser reads (else the browser's, else the school's).
  const locale = studentPageLocale(found.share.language, req.headers.get("accept-language"), found.school.defaultLanguage);
  // Recorded after the response is sent: tracking never slows the page.
  after(() => recordShareEvent(ctx, found.share.id, "view", video.id).catch((e) => console.error("[apexshare] view event", e)));
  const [playback, coaching] = await Promise.all([
    playbackFor(ctx, video),
    studentCoaching(ctx.db, viewerOfShare({ share: found.share, video })),
  ]);
  return page(studentPageHtml({ shared: found, video, playback, coaching, token, locale, nonce, assets: ASSETS }), 200);
}
