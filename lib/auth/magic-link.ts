// Magic-link requests, limited per address and per client network. Auth.js
// sends the email and stores the verification row concurrently (send-token.js:
// Promise.all), so both halves read one verdict, decided once per request by the
// half that sees the request: over a limit, no email AND no row.
import type { Adapter, VerificationToken } from "@auth/core/adapters";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import { enqueueEmail } from "@/lib/email";
import { LOCALE_COOKIE, uiLocale } from "@/lib/i18n";
import { clientIp, hit, POLICIES } from "@/lib/rate-limit";

const verdicts = new Map<string, Promise<boolean>>();
const keyOf = (identifier: string, expires: Date) => `${identifier}|${expires.getTime()}`;

/** Counts the request against both limits; must run before the adapter is asked for the row (it does: Auth.js starts it first). */
function decide(db: Database, identifier: string, expires: Date, ip: string): Promise<boolean> {
  const key = keyOf(identifier, expires);
  const verdict = (async () => {
    if (!(await hit(db, POLICIES.magicLinkPerIp, ip)).ok) return false;
    return (await hit(db, POLICIES.magicLinkPerAddress, identifier)).ok;
  })();
  verdicts.set(key, verdict);
  setTimeout(() => verdicts.delete(key), 60_000).unref?.();
  return verdict;
}

export async function sendMagicLink(
  db: Database,
  params: { identifier: string; url: string; expires: Date; request: Request },
  secret: string,
  deliver: () => Promise<unknown>,
) {
  const { identifier, url, expires, request } = params;
  // Also guards Auth.js's own endpoint, which does not go through our form. Over a limit: silently nothing.
  if (!(await decide(db, identifier, expires, clientIp(request.headers)))) return;
  const locale = await magicLinkLocale(db, identifier, request);
  await enqueueEmail(db, {
    recipient: identifier,
    template: "magic-link",
    payload: { locale, url, expiresAt: expires.toISOString() },
    secret,
  });
  // Deliver now; if the provider is down the message stays queued for the sweep.
  await deliver().catch((err) => console.error("[apexshare] outbox delivery failed", err));
}

/** The account's own language, else the one the asking browser reads (its menu cookie, then Accept-Language). */
async function magicLinkLocale(db: Database, email: string, request: Request) {
  const [account] = await db.select({ language: users.language }).from(users).where(eq(users.email, email));
  const cookie = request.headers
    .get("cookie")
    ?.split(";")
    .map((c) => c.trim().split("="))
    .find(([name]) => name === LOCALE_COOKIE)?.[1];
  return uiLocale({ stored: account?.language, cookie, acceptLanguage: request.headers.get("accept-language") });
}

/** The adapter, storing a verification row only for a request that was within the limits. */
export function limitedAdapter(adapter: Adapter): Adapter {
  const create = adapter.createVerificationToken!.bind(adapter);
  return {
    ...adapter,
    async createVerificationToken(token: VerificationToken) {
      const allowed = (await verdicts.get(keyOf(token.identifier, token.expires))) ?? false;
      return allowed ? create(token) : null;
    },
  };
}
