import { beforeAll, describe, expect, it } from "vitest";
import { rateLimits } from "@/db/schema";
import { enforce, hit, peek, type Policy } from "@/lib/rate-limit";
import { studentLinkPageLimit } from "@/lib/shares/link-limit";
import type { TestDatabase } from "../support/db";
import { startHarness } from "../support/harness";

let t: TestDatabase;
beforeAll(async () => {
  const h = await startHarness({});
  t = h.t;
  return h.close;
});

const policy: Policy = { what: "test attempts", limit: 3, windowSeconds: 60 };

describe("rate limits in Postgres", () => {
  it("allow up to the limit in a window, then refuse with a Retry-After until the window ends", async () => {
    const now = new Date("2026-11-22T10:00:10Z");
    const verdicts = [];
    for (let i = 0; i < 5; i++) verdicts.push(await hit(t.db, policy, "alice", now));
    expect(verdicts.map((v) => v.ok)).toEqual([true, true, true, false, false]);
    expect(verdicts[4].retryAfterSeconds).toBe(50);
    // A new window starts fresh; another subject is independent.
    expect((await hit(t.db, policy, "alice", new Date("2026-11-22T10:01:00Z"))).ok).toBe(true);
    expect((await hit(t.db, policy, "bob", now)).ok).toBe(true);
  });

  it("hold across server instances: concurrent hits on one counter are never lost", async () => {
    const now = new Date("2026-11-22T11:00:00Z");
    const burst: Policy = { what: "burst", limit: 10, windowSeconds: 60 };
    const results = await Promise.all(Array.from({ length: 25 }, () => hit(t.db, burst, "shared", now)));
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });

  it("enforce throws a 429 with a readable message and Retry-After", async () => {
    const now = new Date("2026-11-22T12:00:30Z");
    for (let i = 0; i < 3; i++) await enforce(t.db, policy, "carol", now);
    await expect(enforce(t.db, policy, "carol", now)).rejects.toMatchObject({
      status: 429,
      message: "Too many test attempts. Please try again in 30 seconds.",
      headers: { "Retry-After": "30" },
    });
  });

  it("peek does not count", async () => {
    const now = new Date("2026-11-22T13:00:00Z");
    for (let i = 0; i < 5; i++) expect((await peek(t.db, policy, "dave", now)).ok).toBe(true);
    const rows = await t.db.select().from(rateLimits);
    expect(rows.some((r) => r.key.endsWith(":dave"))).toBe(false);
  });
});

describe("the student link page's limit", () => {
  it("answers 429 with Retry-After and a page a person can read once a network passes 300 loads a minute", async () => {
    const now = new Date("2026-11-22T12:00:15Z");
    for (let i = 0; i < 300; i++) expect(await studentLinkPageLimit(t.db, "203.0.113.30", "n0nce", "en", now)).toBeNull();
    const res = await studentLinkPageLimit(t.db, "203.0.113.30", "n0nce", "en", now);
    expect(res?.status).toBe(429);
    expect(res?.headers.get("retry-after")).toBe("45");
    expect(res?.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await res?.text()).toContain("Too many video link requests from your network. Please try again in 45 seconds.");
    // Another network is not affected.
    expect(await studentLinkPageLimit(t.db, "203.0.113.31", "n0nce", "en", now)).toBeNull();
  });

  it("is in the reader's language", async () => {
    const now = new Date("2026-11-22T12:05:15Z");
    for (let i = 0; i < 300; i++) await studentLinkPageLimit(t.db, "203.0.113.40", "n0nce", "nl", now);
    const nl = await (await studentLinkPageLimit(t.db, "203.0.113.40", "n0nce", "nl", now))!.text();
    expect(nl).toContain('<html lang="nl">');
    expect(nl).toContain("<h1>Even rustig aan</h1>");
    expect(nl).toContain("Te veel aanvragen voor videolinks vanaf je netwerk. Probeer het over 45 seconden opnieuw.");
    const fr = await (await studentLinkPageLimit(t.db, "203.0.113.40", "n0nce", "fr", now))!.text();
    expect(fr).toContain("Trop de demandes de liens vidéo depuis votre réseau. Veuillez réessayer dans 45 secondes.");
  });
});
