// Security headers for every page: a Content-Security-Policy that allows only
// what the app uses (its own origin, the S3 origin for part PUTs and thumbnail POSTs, and
// where viewers stream, download and see posters from: S3, or the CloudFront media CDN in
// AWS), frames nowhere, HSTS in production.
export function contentSecurityPolicy(opts: {
  nonce: string;
  s3Origin: string;
  cdnOrigin?: string;
  isProduction: boolean;
  isDev: boolean;
}) {
  const s3 = opts.cdnOrigin ? `${opts.s3Origin} ${opts.cdnOrigin}` : opts.s3Origin;
  return [
    `default-src 'self'`,
    // 'strict-dynamic' lets Next's nonce'd bootstrap load its chunks; dev mode's refresh needs eval.
    `script-src 'self' 'nonce-${opts.nonce}' 'strict-dynamic'${opts.isDev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob: ${s3}`,
    `media-src 'self' blob: ${s3}`,
    `connect-src 'self' ${s3}`,
    `font-src 'self'`,
    `frame-src 'self'`,
    `frame-ancestors 'none'`,
    `form-action 'self'`,
    `base-uri 'self'`,
    `object-src 'none'`,
    ...(opts.isProduction ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export function securityHeaders(opts: { isProduction: boolean }): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    ...(opts.isProduction ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}
