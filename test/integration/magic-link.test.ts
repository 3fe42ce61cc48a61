// Magic-link requests: capped per address and per client network, and a
// request over a limit neither sends an email nor stores a verification row.
// The sequence below is Auth.js's own (send-token.js): send and store at once.
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accounts, emailOutbox, sessions, users, verificationTokens } from "@/db/schema";
import { limitedAdapter, sendMagicLink } from "@/lib/auth/magic-link";
import { POLICIES } from "@/lib/rate-limit";
import { openTestDatabase, type TestDatabase } from "../support/db";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t?.close());

async function requestLink(email: string, ip: string) {
  const adapter = limitedAdapter(
    DrizzleAdapter(t.db, {
      usersTable: users,
      accountsTable: accounts,
      sessionsTable: sessions,
      verificationTokensTable: verificationTokens,
    }),
  );
  const expires = new Date(Date.now() + 15 * 60_000);
  const request = new Request("http://localhost/api/auth/signin/email", { method: "POST", headers: { "x-apexshare-peer-address": ip } });
  const send = sendMagicLink(t.db, { identifier: email, url: "http://localhost/cb", expires, request }, "s".repeat(40), async () => {});
  const store = adapter.createVerificationToken!({ identifier: email, token: crypto.randomUUID(), expires });
  await Promise.all([send, store]);
}

const count = async () => ({
  rows: (await t.db.select().from(verificationTokens)).length,
  emails: (await t.db.select().from(emailOutbox)).length,
});

describe("magic-link requests", () => {
  it("from one network, at most the per-network limit of links is sent and stored, whatever the addresses", async () => {
    const limit = POLICIES.magicLinkPerIp.limit;
    for (let i = 0; i < limit + 10; i++) await requestLink(`spray-${i}@example.com`, "203.0.113.50");
    expect(await count()).toEqual({ rows: limit, emails: limit });
  });

  it("over the per-address limit: no email and no verification row", async () => {
    await t.db.delete(verificationTokens);
    await t.db.delete(emailOutbox);
    const limit = POLICIES.magicLinkPerAddress.limit;
    for (let i = 0; i < limit + 3; i++) await requestLink("popular@example.com", `198.51.100.${i}`);
    expect(await count()).toEqual({ rows: limit, emails: limit });
  });
});
