// The database briefly unreachable: requests answer 503 with a retry hint and
// recover by themselves when it returns; no outbox message is lost.
// Needs the real PostgreSQL server (DATABASE_URL); PGlite is in-process and cannot become unreachable.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { emailOutbox } from "@/db/schema";
import { resolveConfig } from "@/lib/config";
import { drainOutbox, enqueueEmail } from "@/lib/email/outbox";
import { mailboxTransport } from "@/lib/email/transports";
import { handle } from "@/lib/http";
import { createScratchDatabase, type ScratchDatabase } from "@/scripts/scratch-database.mjs";
import { startTcpProxy } from "@/scripts/lib/tcp-proxy.mjs";

const url = process.env.DATABASE_URL;
const secret = "fault-secret".padEnd(40, "x");
const config = resolveConfig({
  APP_URL: "https://app.example.com",
  AUTH_SECRET: secret,
  EMAIL_FROM: "a@example.com",
  CRON_SECRET: "c".repeat(20),
});

describe.skipIf(!url)("database briefly unreachable (real PostgreSQL)", () => {
  let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
  let h: DatabaseHandle;
  let scratch: ScratchDatabase;

  beforeAll(async () => {
    scratch = await createScratchDatabase(url!, "apex_fault");
    const target = new URL(url!);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const viaProxy = new URL(url!);
    viaProxy.hostname = "127.0.0.1";
    viaProxy.port = String(proxy.port);
    viaProxy.pathname = `/${scratch.name}`;
    h = await openDatabase({ driver: "pg", url: viaProxy.toString(), poolMax: 3 }, { migrate: true });
  });
  afterAll(async () => {
    await h?.close().catch(() => {});
    await proxy?.close();
    await scratch?.drop();
  });

  const route = handle(async () => {
    await h.db.execute(sql`select 1`);
    return Response.json({ ok: true });
  });

  it("answers 503 with Retry-After while it is down and recovers by itself", async () => {
    expect((await route(new Request("http://x/"), {})).status).toBe(200);
    await proxy.cut();
    const down = await route(new Request("http://x/"), {});
    expect(down.status).toBe(503);
    expect(down.headers.get("retry-after")).toBe("5");
    expect(await down.json()).toEqual({ error: "A backing service is unavailable. Try again shortly." });
    await proxy.restore();
    // The pool replaces its dropped connections: within a few tries it answers again.
    let status = 0;
    for (let i = 0; i < 10 && status !== 200; i++) {
      status = (await route(new Request("http://x/"), {})).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(200);
  });

  it("loses no outbox message across the outage, and sends each exactly once", async () => {
    for (let i = 0; i < 5; i++)
      await enqueueEmail(h.db, {
        recipient: `fault${i}@example.com`,
        template: "magic-link",
        payload: { url: `https://app.example.com/x?${i}`, expiresAt: new Date().toISOString() },
        secret,
      });
    await proxy.cut();
    await expect(drainOutbox({ db: h.db, config, now: () => new Date() }, mailboxTransport(h.db))).rejects.toThrow();
    await proxy.restore();
    let sent = 0;
    for (let i = 0; i < 10 && sent < 5; i++) {
      try {
        sent += (await drainOutbox({ db: h.db, config, now: () => new Date() }, mailboxTransport(h.db))).sent;
      } catch {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    const rows = await h.db.select().from(emailOutbox);
    expect(rows.map((r) => r.status)).toEqual(["sent", "sent", "sent", "sent", "sent"]);
    const delivered = await h.db.execute(sql`select "to", count(*)::int as n from dev_mailbox group by "to"`);
    const counts = (delivered as unknown as { rows: { to: string; n: number }[] }).rows;
    expect(counts).toHaveLength(5);
    expect(counts.every((c) => c.n === 1)).toBe(true);
  });
});
