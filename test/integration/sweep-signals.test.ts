// The scheduled sweep runs outside the VPC and must not wake a paused Aurora when there is nothing to
// do (each wake ≈ 6 min of capacity). The site publishes when the outbox next has work; the sweep
// calls the site once a day, or when that time has come. Real database (PGlite / PostgreSQL) and s3rver.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { ridingSessions, videos } from "@/db/schema";
import { createTrainer } from "@/lib/auth/trainers";
import { resolveConfig } from "@/lib/config";
import { nextOutboxDue, publishOutboxDue, SESSION_QUIET_MS } from "@/lib/email/due";
import { drainOutbox, enqueueEmail } from "@/lib/email/outbox";
import type { EmailTransport } from "@/lib/email/transports";
import { parseSignal, sweepReason } from "@/lib/retention/schedule";
import { OUTBOX_DUE_KEY } from "@/lib/storage/signals";
import { openTestDatabase, type TestDatabase } from "../support/db";
import { startTestS3, type TestS3 } from "../support/s3";

const secret = "signals-secret".padEnd(40, "x");
const config = resolveConfig({
  APP_URL: "https://app.example.com",
  AUTH_SECRET: secret,
  EMAIL_FROM: "a@example.com",
  CRON_SECRET: "c".repeat(20),
});
const at = (iso: string) => new Date(iso);

describe("when the sweep wakes the database", () => {
  it("once a day, or when an email is due — never just because the schedule fired", () => {
    const now = at("2026-11-23T12:00:00Z");
    expect(sweepReason(now, { outboxDue: null, lastFullSweep: null })).toBe("daily");
    expect(sweepReason(now, { outboxDue: null, lastFullSweep: at("2026-11-23T11:00:00Z") })).toBeNull();
    expect(sweepReason(now, { outboxDue: at("2026-11-23T12:30:00Z"), lastFullSweep: at("2026-11-23T11:00:00Z") })).toBeNull();
    expect(sweepReason(now, { outboxDue: at("2026-11-23T11:59:00Z"), lastFullSweep: at("2026-11-23T11:00:00Z") })).toBe("outbox-due");
    // An hourly schedule's run a few seconds short of 24 h still makes the daily sweep.
    expect(sweepReason(now, { outboxDue: null, lastFullSweep: at("2026-11-22T12:00:30Z") })).toBe("daily");
    expect(sweepReason(now, { outboxDue: null, lastFullSweep: at("2026-11-22T14:00:00Z") })).toBeNull();
    // A garbled signal never stops a sweep.
    expect(sweepReason(now, { outboxDue: parseSignal("garbage"), lastFullSweep: at("2026-11-23T11:00:00Z") })).toBe("outbox-due");
    expect(parseSignal(null)).toBeNull();
  });
});

describe("the site publishes when the outbox next has work", () => {
  let t: TestDatabase;
  let s3: TestS3;
  beforeAll(async () => {
    [t, s3] = await Promise.all([openTestDatabase(), startTestS3()]);
  });
  afterAll(async () => {
    await t?.close();
    await s3?.close();
  });

  it("a failed send leaves its retry time in the bucket; once it is sent the signal is gone", async () => {
    const now = at("2026-11-23T12:00:00Z");
    const ctx = { db: t.db, config, now: () => now };
    await enqueueEmail(t.db, {
      recipient: "rider@example.com",
      template: "magic-link",
      payload: { url: "https://app.example.com/x", expiresAt: now.toISOString() },
      secret,
      notBefore: now,
    });
    const failing: EmailTransport = {
      name: "failing",
      send: async () => {
        throw new Error("SES throttled");
      },
    };
    expect(await drainOutbox(ctx, failing)).toMatchObject({ retried: 1 });
    const due = await publishOutboxDue({ db: t.db, storage: s3.storage });
    // The first retry is 30 s later (lib/email/outbox backoff).
    expect(due?.toISOString()).toBe("2026-11-23T12:00:30.000Z");
    expect(await s3.storage.getText(OUTBOX_DUE_KEY)).toBe("2026-11-23T12:00:30.000Z");

    const later = { ...ctx, now: () => at("2026-11-23T12:01:00Z") };
    const sent: string[] = [];
    const working: EmailTransport = {
      name: "working",
      send: async (m) => {
        sent.push(m.to);
        return { messageId: "m1" };
      },
    };
    expect(await drainOutbox(later, working)).toMatchObject({ sent: 1 });
    expect(sent).toEqual(["rider@example.com"]);
    expect(await publishOutboxDue({ db: t.db, storage: s3.storage })).toBeNull();
    expect(await nextOutboxDue(t.db)).toBeNull();
    expect(await s3.storage.getText(OUTBOX_DUE_KEY)).toBeNull();
  });

  it("an upload whose tab closed before it announced brings the sweep to the moment it goes quiet, not the next day", async () => {
    const trainer = await createTrainer(t.db, { email: "quiet.tab@example.com", password: "correct horse battery", name: "Quiet" });
    const [session] = await t.db
      .insert(ridingSessions)
      .values({ trainerId: trainer.id, schoolId: trainer.schoolId!, title: "Closed tab", sessionDate: "2026-11-23" })
      .returning();
    const completedAt = at("2026-11-23T12:00:00Z");
    const [video] = await t.db
      .insert(videos)
      .values({
        trainerId: trainer.id,
        sessionId: session.id,
        title: "GX010001",
        originalFileName: "GX010001.MP4",
        sizeBytes: 1000,
        contentType: "video/mp4",
        objectKey: `videos/quiet-${session.id}/original.mp4`,
        partSizeBytes: 1000,
        partCount: 1,
        status: "ready",
        completedAt,
      })
      .returning();
    const now = at("2026-11-23T12:01:00Z");
    expect(await publishOutboxDue({ db: t.db, storage: s3.storage, now: () => now })).toEqual(
      new Date(completedAt.getTime() + SESSION_QUIET_MS),
    );
    expect(await s3.storage.getText(OUTBOX_DUE_KEY)).toBe("2026-11-23T12:30:00.000Z");
    // One that can never be announced stops counting after a couple of hours: the daily sweep has it.
    expect(await nextOutboxDue(t.db, at("2026-11-23T15:00:00Z"))).toBeNull();
    // Announced: nothing waits.
    await t.db.update(videos).set({ announcedAt: now }).where(eq(videos.id, video.id));
    expect(await nextOutboxDue(t.db, now)).toBeNull();
  });
});
