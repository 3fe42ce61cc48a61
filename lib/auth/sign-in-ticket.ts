// Signed, short-lived sign-in states (HMAC-SHA256, key derived from AUTH_SECRET).
// "second-factor": the password was right, a code is still owed — kept in a
// cookie for 5 minutes; it is not a session and opens no page. "session": every
// factor was checked — handed straight to Auth.js in the same process (never to
// the browser) to mint the session cookie. Each carries the account's session
// version, so "sign out of all devices" or a password change voids it too.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

export type TicketPurpose = "second-factor" | "session";

export const SECOND_FACTOR_COOKIE = "apexshare.second-factor";
export const SECOND_FACTOR_TTL_SECONDS = 5 * 60;
export const SESSION_TICKET_TTL_SECONDS = 60;

const claims = z.object({
  uid: z.string(),
  sv: z.number().int(),
  purpose: z.enum(["second-factor", "session"]),
  /** The second factor was checked (a session ticket for an enrolled account needs it). */
  tf: z.boolean(),
  exp: z.number(),
});
export type TicketClaims = z.infer<typeof claims>;

const key = (secret: string) => createHash("sha256").update(`apexshare-sign-in-ticket:${secret}`).digest();
const mac = (body: string, secret: string) => createHmac("sha256", key(secret)).update(body).digest();

export function issueTicket(
  secret: string,
  input: { uid: string; sv: number; purpose: TicketPurpose; tf: boolean },
  now = new Date(),
): string {
  const ttl = input.purpose === "second-factor" ? SECOND_FACTOR_TTL_SECONDS : SESSION_TICKET_TTL_SECONDS;
  const body = Buffer.from(JSON.stringify({ ...input, exp: Math.floor(now.getTime() / 1000) + ttl })).toString("base64url");
  return `${body}.${mac(body, secret).toString("base64url")}`;
}

/** The claims when the signature holds, the purpose matches and it has not expired; else null. */
export function readTicket(secret: string, token: unknown, purpose: TicketPurpose, now = new Date()): TicketClaims | null {
  if (typeof token !== "string" || token.length > 1024) return null;
  const [body, sig] = token.split(".");
  if (!body || !sig) return null;
  const given = Buffer.from(sig, "base64url");
  const expected = mac(body, secret);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let parsed: TicketClaims;
  try {
    parsed = claims.parse(JSON.parse(Buffer.from(body, "base64url").toString("utf8")));
  } catch {
    return null;
  }
  if (parsed.purpose !== purpose || parsed.exp <= now.getTime() / 1000) return null;
  return parsed;
}
