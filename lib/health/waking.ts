import "server-only";
// A paused Aurora Serverless v2 cluster holds the first connection while it resumes (~15 s,
// per AWS's documentation). Rather than a blank wait (or CloudFront's 504), the first page
// after a quiet spell answers 503 with a page that says so and reloads itself; the connection
// attempt has already woken the cluster. API routes answer 503 + Retry-After (lib/http).
import { sql } from "drizzle-orm";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/database";
import { isUnavailable } from "@/lib/http";
import type { Locale } from "@/lib/i18n/locales";
import { systemPagesTranslator } from "@/lib/i18n/system-pages";

/** About how long Aurora takes to resume, as the waking page tells the reader. */
const RESUME_SECONDS = 15;
/** Seconds the waking page waits before it reloads; also its Retry-After. */
export const WAKING_RETRY_SECONDS = 5;
// Aurora pauses after 5 idle minutes; a process that reached it within the last minute need not ask again.
const FRESH_MS = 60_000;

const g = globalThis as unknown as { __apexDbAnsweredAt?: number };

/**
 * False when the database is paused or unreachable (it did not answer within the connect
 * timeout). Asks it at most once a minute per process; the embedded database is always awake.
 */
export async function databaseAwake(now = Date.now()): Promise<boolean> {
  if (getConfig().database.driver === "pglite") return true;
  if (g.__apexDbAnsweredAt && now - g.__apexDbAnsweredAt < FRESH_MS) return true;
  try {
    await (await getDb()).execute(sql`select 1`);
    g.__apexDbAnsweredAt = Date.now();
    return true;
  } catch (err) {
    if (isUnavailable(err)) return false;
    throw err;
  }
}

/** The page a student sees while the database wakes up, in their browser's language: 503, Retry-After, reloads itself. */
export function wakingPage(nonce: string, locale: Locale): Response {
  const t = systemPagesTranslator(locale);
  const html = `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${WAKING_RETRY_SECONDS}">
<title>${t("wakingTitle")} · ApexShare</title>
<style nonce="${nonce}">
body{font-family:system-ui,sans-serif;margin:0;padding:4rem 1rem;text-align:center;color:#18181b}
p{color:#3f3f46;max-width:28rem;margin:0.5rem auto}
</style>
</head>
<body>
<main>
<h1>${t("wakingHeading")}</h1>
<p>${t("wakingText", { seconds: RESUME_SECONDS })}</p>
<p>${t("wakingReload")}</p>
</main>
</body>
</html>
`;
  return new Response(html, {
    status: 503,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Retry-After": String(WAKING_RETRY_SECONDS),
      "Cache-Control": "no-store",
    },
  });
}
