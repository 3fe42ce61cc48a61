// The per-network limit on student link pages, counted in proxy.ts before the page's route runs
// (the proxy also makes the page's CSP nonce and its language): a 429 with Retry-After, as a small
// human page in the reader's language.
import type { Database } from "@/db/client";
import type { Locale } from "@/lib/i18n/locales";
import { systemPagesTranslator } from "@/lib/i18n/system-pages";
import { hit, POLICIES } from "@/lib/rate-limit";

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Counts one link page load from `ip`; over the limit, the 429 page to answer with, in the reader's
 * `locale` (its style carries the CSP `nonce`), else null.
 */
export async function studentLinkPageLimit(
  db: Database,
  ip: string,
  nonce: string,
  locale: Locale,
  now = new Date(),
): Promise<Response | null> {
  const policy = POLICIES.shareLookupPerIp;
  const v = await hit(db, policy, ip, now);
  if (v.ok) return null;
  const t = systemPagesTranslator(locale);
  const minutes = v.retryAfterSeconds >= 90;
  const message = t("slowDownText", {
    unit: minutes ? "minutes" : "seconds",
    count: minutes ? Math.ceil(v.retryAfterSeconds / 60) : v.retryAfterSeconds,
  });
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(t("slowDownTitle"))} — ApexShare</title>
<style nonce="${escapeHtml(nonce)}">body{font-family:system-ui,sans-serif;max-width:28rem;margin:4rem auto;padding:0 1rem;text-align:center;color:#27272a}</style></head>
<body><main><h1>${escapeHtml(t("slowDownTitle"))}</h1><p role="alert">${escapeHtml(message)}</p></main></body></html>`;
  return new Response(html, {
    status: 429,
    headers: { "content-type": "text/html; charset=utf-8", "retry-after": String(v.retryAfterSeconds), "cache-control": "no-store" },
  });
}
