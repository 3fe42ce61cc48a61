import { eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { devMailbox, emailOutbox } from "@/db/schema";
import { resolveConfig } from "@/lib/config";
import { drainOutbox, enqueueEmail, MAX_ATTEMPTS } from "@/lib/email/outbox";
import { mailboxTransport, sesTransport } from "@/lib/email/transports";
import type { TestDatabase } from "../support/db";
import { startHarness } from "../support/harness";
import type { FakeSes } from "../support/ses";

const secret = "test-secret-".padEnd(40, "x");
const FROM = "ApexShare <no-reply@example.com>";
const config = resolveConfig({ APP_URL: "https://app.example.com", AUTH_SECRET: secret, EMAIL_FROM: FROM, CRON_SECRET: "c".repeat(20) });
/** What the outbox needs of the app, at `now`. */
const app = (now = new Date()) => ({ db: t.db, config, now: () => now });
let t: TestDatabase;
let ses: FakeSes;

beforeAll(async () => {
  const h = await startHarness({ ses: true });
  ({ t, ses } = h);
  return h.close;
});
beforeEach(async () => {
  await t.db.delete(emailOutbox);
  ses.accepted.length = 0;
});

const transport = () => sesTransport({ transport: "ses", from: FROM, region: "eu-west-1", sesEndpoint: ses.endpoint });
const magicLink = (to: string) =>
  enqueueEmail(t.db, {
    recipient: to,
    template: "magic-link",
    payload: {
      url: `https://app.example.com/api/auth/callback/email?token=SECRET-${to}`,
      expiresAt: new Date(Date.now() + 900_000).toISOString(),
    },
    secret,
  });

describe("email through the real SESv2 SDK", () => {
  it("sends a SendEmail request with both parts, sender, recipient and reply-to", async () => {
    await enqueueEmail(t.db, {
      recipient: "student@example.com",
      template: "video-shared",
      payload: {
        url: "https://app.example.com/d/tok123",
        studentName: "Sam",
        trainerName: "Tina Trainer",
        trainerEmail: "tina@example.com",
        videoTitle: "Track day <1>",
        sessionDate: "2026-11-20",
        notes: "Look further ahead in turn 3.",
        expiresAt: "2026-12-04T12:00:00Z",
      },
      secret,
    });
    const res = await drainOutbox(app(), transport());
    expect(res).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(ses.accepted).toHaveLength(1);
    const { path, body } = ses.accepted[0];
    expect(path).toBe("/v2/email/outbound-emails");
    expect(body.FromEmailAddress).toBe(FROM);
    expect(body.Destination.ToAddresses).toEqual(["student@example.com"]);
    expect(body.ReplyToAddresses).toEqual(["tina@example.com"]);
    expect(body.Content.Simple.Subject.Data).toContain("Track day <1>");
    expect(body.Content.Simple.Body.Text.Data).toContain("https://app.example.com/d/tok123");
    expect(body.Content.Simple.Body.Text.Data).toContain("Look further ahead in turn 3.");
    expect(body.Content.Simple.Body.Html.Data).toContain("Track day &lt;1&gt;"); // escaped in HTML
    expect(body.Content.Simple.Body.Html.Data).toContain('href="https://app.example.com/d/tok123"');
  });

  it("retries an outage with backoff and delivers each message exactly once", async () => {
    await magicLink("a@example.com");
    await magicLink("b@example.com");
    ses.failNext(3);
    let now = Date.now();
    const seenRequests: number[] = [];
    for (let round = 0; round < 6; round++) {
      await drainOutbox(app(new Date(now)), transport());
      seenRequests.push(ses.requests);
      now += 3_600_000; // past any backoff
    }
    const to = ses.accepted.map((m) => m.body.Destination.ToAddresses[0]).sort();
    expect(to).toEqual(["a@example.com", "b@example.com"]);
    const rows = await t.db.select().from(emailOutbox);
    expect(rows.map((r) => r.status)).toEqual(["sent", "sent"]);
    expect(rows.some((r) => r.attempts > 1)).toBe(true);
    // Sent messages keep no live link at rest.
    for (const r of rows) expect(JSON.stringify(r.payload)).not.toContain("SECRET");
  });

  it("does not resend before the backoff has passed", async () => {
    await magicLink("c@example.com");
    ses.failNext(1);
    const now = new Date();
    expect(await drainOutbox(app(now), transport())).toMatchObject({ retried: 1 });
    expect(await drainOutbox(app(now), transport())).toEqual({ sent: 0, retried: 0, failed: 0 });
    const [row] = await t.db.select().from(emailOutbox);
    expect(row.status).toBe("queued");
    expect(row.lastError).toMatch(/simulated outage|500/i);
  });

  it("marks a message failed (not dropped) after the last attempt", async () => {
    await magicLink("d@example.com");
    ses.failNext(1000);
    let now = Date.now();
    for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
      await drainOutbox(app(new Date(now)), transport());
      now += 3_600_000;
    }
    ses.failNext(0);
    const [row] = await t.db.select().from(emailOutbox);
    expect(row.status).toBe("failed");
    expect(row.attempts).toBe(MAX_ATTEMPTS);
    expect(ses.accepted).toHaveLength(0);
  });

  it("never sends twice when two drainers run at once", async () => {
    for (let i = 0; i < 10; i++) await magicLink(`p${i}@example.com`);
    if (t.driver === "pglite") {
      // PGlite is one connection, so "at once" interleaves on it.
      await Promise.all([1, 2, 3].map(() => drainOutbox(app(), transport())));
    } else {
      await Promise.all([1, 2, 3].map(() => drainOutbox(app(), transport(), 4)));
      await drainOutbox(app(), transport());
    }
    expect(ses.accepted).toHaveLength(10);
    expect(new Set(ses.accepted.map((m) => m.body.Destination.ToAddresses[0])).size).toBe(10);
  });
});

describe("dev mailbox transport", () => {
  it("delivers into the mailbox table once per outbox message", async () => {
    await magicLink("local@example.com");
    await drainOutbox(app(), mailboxTransport(t.db));
    const rows = await t.db.select().from(devMailbox).where(eq(devMailbox.to, "local@example.com"));
    expect(rows).toHaveLength(1);
    expect(rows[0].subject).toBe("Your ApexShare sign-in link");
    expect(rows[0].text).toContain("SECRET-local@example.com");
  });
});
