// Runs before every page: a per-request nonce for the Content-Security-Policy
// (Next applies it to its own scripts) and the security headers. No auth here:
// authorization lives in the data layer. While a paused database wakes up, pages answer
// the self-reloading "waking up" page (503) instead of a long blank wait. The student link
// page's rate limit is counted here too, because only here can a page answer 429.
import { NextResponse, type NextRequest } from "next/server";
import { getConfig, mediaCdnOrigin, s3PublicOrigin } from "@/lib/config";
import { getDb } from "@/lib/database";
import { databaseAwake, wakingPage } from "@/lib/health/waking";
import type { Locale } from "@/lib/i18n/locales";
import { requestLocale } from "@/lib/i18n/resolve";
import { clientIp } from "@/lib/rate-limit";
import { contentSecurityPolicy, securityHeaders } from "@/lib/security/headers";
import { studentLinkPageLimit } from "@/lib/shares/link-limit";

const STUDENT_LINK_PAGE = /^\/d\/[^/]+\/?$/;

/** The 429 page when this network is over the link limit; a database problem is left to the page (its error page). */
async function linkLimit(request: NextRequest, nonce: string, locale: Locale): Promise<Response | null> {
  try {
    return await studentLinkPageLimit(await getDb(), clientIp(request.headers), nonce, locale);
  } catch (err) {
    console.error("[apexshare] link limit", err);
    return null;
  }
}

export async function proxy(request: NextRequest) {
  const config = getConfig();
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = contentSecurityPolicy({
    nonce,
    s3Origin: s3PublicOrigin(config.s3),
    cdnOrigin: mediaCdnOrigin(config.s3),
    isProduction: config.isProduction,
    isDev: process.env.NODE_ENV === "development",
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  // The waking and 429 pages are answered here, without the database: the cookie's or the browser's language.
  const locale = requestLocale(request.headers);
  const waking = ["GET", "HEAD"].includes(request.method) && !(await databaseAwake());
  const limited = !waking && STUDENT_LINK_PAGE.test(request.nextUrl.pathname) ? await linkLimit(request, nonce, locale) : null;
  const response = waking ? wakingPage(nonce, locale) : (limited ?? NextResponse.next({ request: { headers: requestHeaders } }));
  response.headers.set("Content-Security-Policy", csp);
  for (const [k, v] of Object.entries(securityHeaders({ isProduction: config.isProduction }))) response.headers.set(k, v);
  // Student links carry their token in the path: never leak it in a Referer.
  if (request.nextUrl.pathname.startsWith("/d/")) response.headers.set("Referrer-Policy", "no-referrer");
  return response;
}

export const config = {
  // Not for API routes or the download redirect: they carry their own headers and need no nonce.
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|icon.svg|api/|d/[^/]+/download$).*)" }],
};
