import "server-only";
// Reading the Auth.js session cookie without Auth.js's request round: `auth()` builds a
// Request, runs the whole Auth.js router, decrypts the cookie, re-encrypts a fresh one on
// every call (beta.32 ignores updateAge for JWT sessions) and throws that cookie away in a
// route handler. Here the cookie is decrypted once per request and re-issued only when less
// than half its life is left — so an active trainer never meets the 30-day expiry, and a
// request costs one decrypt instead of decrypt + encrypt. Revocation is unchanged: the caller
// still checks the account's session version on every request (lib/auth/session-version).
import { cookies } from "next/headers";
import { decode, encode, type JWT } from "next-auth/jwt";

/** Auth.js's session lifetime (lib/auth/index.ts uses it too). */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 3600;
/** Re-issue the cookie when less than this is left: at most once per 15 days per device. */
export const SESSION_REFRESH_WHEN_LEFT_SECONDS = SESSION_MAX_AGE_SECONDS / 2;

// Auth.js names the cookie after the site's scheme; its name is also the key-derivation salt.
const NAMES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;
type CookieJar = Awaited<ReturnType<typeof cookies>>;

export interface SessionCookie {
  name: string;
  token: JWT;
}

/** The cookie's value: whole, or Auth.js's chunks (`name.0`, `name.1`, …) joined. */
function cookieValue(jar: CookieJar, name: string): string | null {
  const whole = jar.get(name)?.value;
  if (whole) return whole;
  const chunks = jar
    .getAll()
    .filter((c) => c.name.startsWith(`${name}.`))
    .sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)));
  return chunks.length ? chunks.map((c) => c.value).join("") : null;
}

// Decrypted cookies, by their exact value: the same trainer's upload signs and records dozens of
// batches with one cookie, and each decrypt derives its key with HKDF and runs AES + HMAC. A value
// decrypts to the same claims every time, so keeping them is safe; an entry is used only before the
// token's own expiry and under the same secret, and revocation is untouched (the account is still
// read on every request). Bounded: the oldest entries go first.
const DECODED_MAX = 1000;
const decoded = new Map<string, { secret: string; token: JWT }>();

async function decodeCached(name: string, value: string, secret: string): Promise<JWT | null> {
  const key = `${name}=${value}`;
  const hit = decoded.get(key);
  if (hit && hit.secret === secret && typeof hit.token.exp === "number" && hit.token.exp > Date.now() / 1000) return hit.token;
  const token = await decode({ token: value, secret, salt: name });
  if (!token) return null;
  Object.freeze(token);
  decoded.delete(key);
  if (decoded.size >= DECODED_MAX) decoded.delete(decoded.keys().next().value!);
  decoded.set(key, { secret, token });
  return token;
}

/** The decrypted session token, or null (no cookie, tampered, expired). */
export async function readSessionCookie(secret: string): Promise<SessionCookie | null> {
  const jar = await cookies();
  for (const name of NAMES) {
    const value = cookieValue(jar, name);
    if (!value) continue;
    try {
      const token = await decodeCached(name, value, secret);
      return token ? { name, token } : null;
    } catch {
      return null; // not ours, or past its exp: signed out
    }
  }
  return null;
}

/** Whether the session cookie should be re-issued now (its expiry is near). */
export function needsRefresh(token: JWT, nowSeconds = Math.floor(Date.now() / 1000)): boolean {
  return typeof token.exp === "number" && token.exp - nowSeconds < SESSION_REFRESH_WHEN_LEFT_SECONDS;
}

const cookieOptions = (name: string) => ({ httpOnly: true, sameSite: "lax" as const, path: "/", secure: name.startsWith("__Secure-") });

/**
 * Re-issues the cookie with a fresh 30-day expiry. Only a route handler or a server action may
 * set cookies: during a page render the write is refused and the next API call does it.
 */
export async function refreshSessionCookie(cookie: SessionCookie, secret: string): Promise<boolean> {
  const { iat: _iat, exp: _exp, jti: _jti, ...claims } = cookie.token;
  const value = await encode({ token: claims, secret, salt: cookie.name, maxAge: SESSION_MAX_AGE_SECONDS });
  // A cookie that would need chunks is left to Auth.js (ours are ~500 bytes).
  if (value.length > 3900) return false;
  try {
    (await cookies()).set(cookie.name, value, { ...cookieOptions(cookie.name), maxAge: SESSION_MAX_AGE_SECONDS });
    return true;
  } catch {
    return false;
  }
}

/** Deletes a revoked or broken session cookie where the response can carry it (route handlers, actions). */
export async function clearSessionCookie(name: string): Promise<void> {
  try {
    const jar = await cookies();
    for (const c of jar.getAll())
      if (c.name === name || c.name.startsWith(`${name}.`)) jar.delete({ name: c.name, ...cookieOptions(name) });
  } catch {
    // A page render cannot write cookies; the session is refused all the same.
  }
}
