// Password sign-in under attack: concurrent guessing, lockout abuse, revoked sessions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkPasswordSignIn } from "@/lib/auth/password-sign-in";
import { createTrainer } from "@/lib/auth/trainers";
import { openTestDatabase, type TestDatabase } from "../support/db";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t?.close());

const PASSWORD = "correct horse battery staple";

describe("password sign-in lockout", () => {
  it("a burst of 40 concurrent guesses that includes the right password does not sign in", async () => {
    const email = "burst@example.com";
    await createTrainer(t.db, { email, password: PASSWORD, name: "Burst" });
    const ip = "198.51.100.7";
    // 39 wrong guesses in flight, then the right one while they are still being hashed.
    const wrong = Array.from({ length: 39 }, (_, i) => checkPasswordSignIn(t.db, { email, password: `guess-${i}` }, ip));
    await new Promise((r) => setTimeout(r, 20));
    const right = checkPasswordSignIn(t.db, { email, password: PASSWORD }, ip);
    const results = await Promise.all([...wrong, right]);
    expect(results.filter(Boolean)).toHaveLength(0);
  });

  it("a right password signs in and gives its reserved attempt back", async () => {
    const email = "steady@example.com";
    await createTrainer(t.db, { email, password: PASSWORD, name: "Steady" });
    // More successful sign-ins than the failure limit: none of them counts as a failure.
    for (let i = 0; i < 12; i++)
      expect(await checkPasswordSignIn(t.db, { email, password: PASSWORD }, "198.51.100.8")).toMatchObject({ email });
  });

  it("an outsider who fails 50 times from their network does not lock the owner out of password sign-in", async () => {
    const email = "targeted@example.com";
    await createTrainer(t.db, { email, password: PASSWORD, name: "Targeted" });
    for (let i = 0; i < 50; i++) await checkPasswordSignIn(t.db, { email, password: `nope-${i}` }, "203.0.113.66");
    // The outsider's own network is locked for this account …
    expect(await checkPasswordSignIn(t.db, { email, password: PASSWORD }, "203.0.113.66")).toBeNull();
    // … the owner, from theirs, is not.
    expect(await checkPasswordSignIn(t.db, { email, password: PASSWORD }, "198.51.100.20")).toMatchObject({ email });
  });
});
