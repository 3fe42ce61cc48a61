// Runs before every page: a per-request nonce for the Content-Security-Policy
// (Next applies it to its own scripts) and the security headers. No auth here:
// authorization lives in the data layer.
import { NextResponse, type NextRequest } from "next/server";
import { getConfig, s3PublicOrigin } from "@/lib/config";
import { contentSecurityPolicy, securityHeaders } from "@/lib/security/headers";

export function proxy(request: NextRequest) {
  const config = getConfig();
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = contentSecurityPolicy({
    nonce,
    s3Origin: s3PublicOrigin(config.s3),
    isProduction: config.isProduction,
    isDev: process.env.NODE_ENV === "development",
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
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
