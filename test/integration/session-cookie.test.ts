// The session cookie is read once per request and re-issued only near its expiry: an API call
// with a fresh cookie answers without Set-Cookie; one with an old cookie gets a new 30-day one.
import { decode, encode } from "next-auth/jwt";
import { beforeEach, describe, expect, it, vi } from "vitest";

const jar = vi.hoisted(() => {
  const values = new Map<string, string>();
  const writes: { name: string; value: string; maxAge?: number; deleted?: boolean }[] = [];
  return {
    values,
    writes,
    api: {
      get: (name: string) => (values.has(name) ? { name, value: values.get(name)! } : undefined),
      getAll: () => [...values].map(([name, value]) => ({ name, value })),
      set: (name: string, value: string, opts: { maxAge?: number }) => void writes.push({ name, value, maxAge: opts.maxAge }),
      delete: (o: { name: string }) => void writes.push({ name: o.name, value: "", deleted: true }),
    },
  };
});
vi.mock("next/headers", () => ({ cookies: async () => jar.api }));
// The real decrypt, counted: a cookie seen before must not be decrypted again.
vi.mock("next-auth/jwt", async (original) => {
  const real = await original<typeof import("next-auth/jwt")>();
  return { ...real, decode: vi.fn(real.decode) };
});

const { readSessionCookie, needsRefresh, refreshSessionCookie, clearSessionCookie, SESSION_MAX_AGE_SECONDS } =
  await import("@/lib/auth/session-cookie");

const SECRET = "a-test-secret-that-is-long-enough-0123456789";
const NAME = "authjs.session-token";
const CLAIMS = { sub: "u1", uid: "u1", email: "coach@example.com", name: "Coach", role: "trainer", sv: 3 };

beforeEach(() => {
  jar.values.clear();
  jar.writes.length = 0;
});

describe("session cookie", () => {
  it("decrypts the cookie Auth.js wrote, under either cookie name, and refuses a tampered one", async () => {
    jar.values.set(NAME, await encode({ token: CLAIMS, secret: SECRET, salt: NAME }));
    expect((await readSessionCookie(SECRET))?.token).toMatchObject(CLAIMS);
    jar.values.clear();
    const secure = "__Secure-authjs.session-token";
    jar.values.set(secure, await encode({ token: CLAIMS, secret: SECRET, salt: secure }));
    expect((await readSessionCookie(SECRET))?.name).toBe(secure);
    jar.values.set(secure, jar.values.get(secure)!.slice(0, -4) + "AAAA");
    expect(await readSessionCookie(SECRET)).toBeNull();
    expect(await readSessionCookie("another-secret-that-is-long-enough-012345")).toBeNull();
  });

  it("decrypts a cookie once: later requests with it reuse the claims, never past its expiry or under another secret", async () => {
    const countDecrypts = vi.mocked(decode);
    const value = await encode({ token: { ...CLAIMS, uid: "u-cached" }, secret: SECRET, salt: NAME, maxAge: 60 });
    jar.values.set(NAME, value);
    countDecrypts.mockClear();
    expect((await readSessionCookie(SECRET))?.token).toMatchObject({ uid: "u-cached" });
    expect((await readSessionCookie(SECRET))?.token).toMatchObject({ uid: "u-cached" });
    expect(countDecrypts).toHaveBeenCalledTimes(1);
    // Another secret (a rotated AUTH_SECRET) decrypts again, and refuses it.
    expect(await readSessionCookie("another-secret-that-is-long-enough-012345")).toBeNull();
    expect(countDecrypts).toHaveBeenCalledTimes(2);
    // Past the token's own expiry the cached claims are not used: decrypted again, and refused.
    vi.useFakeTimers({ now: Date.now() + 120_000, toFake: ["Date"] });
    try {
      expect(await readSessionCookie(SECRET)).toBeNull();
      expect(countDecrypts).toHaveBeenCalledTimes(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it("joins a chunked cookie", async () => {
    const value = await encode({ token: CLAIMS, secret: SECRET, salt: NAME });
    jar.values.set(`${NAME}.1`, value.slice(100));
    jar.values.set(`${NAME}.0`, value.slice(0, 100));
    expect((await readSessionCookie(SECRET))?.token).toMatchObject(CLAIMS);
  });

  it("a fresh cookie is not re-issued; one past half its life is, with a new 30-day expiry and the same claims", async () => {
    jar.values.set(NAME, await encode({ token: CLAIMS, secret: SECRET, salt: NAME }));
    const fresh = (await readSessionCookie(SECRET))!;
    expect(needsRefresh(fresh.token)).toBe(false);
    const now = Math.floor(Date.now() / 1000);
    expect(needsRefresh({ ...fresh.token, exp: now + 10 * 24 * 3600 })).toBe(true);
    expect(needsRefresh({ ...fresh.token, exp: now + 20 * 24 * 3600 })).toBe(false);

    expect(await refreshSessionCookie({ ...fresh, token: { ...fresh.token, exp: now + 3600 } }, SECRET)).toBe(true);
    expect(jar.writes).toHaveLength(1);
    expect(jar.writes[0]).toMatchObject({ name: NAME, maxAge: SESSION_MAX_AGE_SECONDS });
    const reissued = await decode({ token: jar.writes[0].value, secret: SECRET, salt: NAME });
    expect(reissued).toMatchObject(CLAIMS);
    expect(reissued!.exp! - now).toBeGreaterThan(SESSION_MAX_AGE_SECONDS - 60);
  });

  it("clears a revoked session's cookie and its chunks", async () => {
    jar.values.set(`${NAME}.0`, "a");
    jar.values.set(`${NAME}.1`, "b");
    jar.values.set("other", "c");
    await clearSessionCookie(NAME);
    expect(jar.writes.map((w) => w.name).sort()).toEqual([`${NAME}.0`, `${NAME}.1`]);
  });
});
