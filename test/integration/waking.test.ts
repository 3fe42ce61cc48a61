// The first request after the database paused (Aurora Serverless v2 at 0 ACU): a page answers the
// self-reloading "waking up" page (503 + Retry-After), an API route 503 + Retry-After, within the
// connect timeout — and both succeed once the database answers again. The pause is a TCP proxy in
// front of the real PostgreSQL that accepts connections and holds them unanswered, as a paused
// cluster does while it resumes (there is no Aurora here).
import { NextRequest } from "next/server";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { handle } from "@/lib/http";
import { createScratchDatabase, type ScratchDatabase } from "@/scripts/scratch-database.mjs";
import { startTcpProxy, type TcpProxy } from "@/scripts/lib/tcp-proxy.mjs";

const url = process.env.DATABASE_URL;

// The holding proxy speaks plain TCP to node-postgres; the Neon-driver run (WebSocket) has its own outage path in the deploy rehearsal.
describe.skipIf(!url || process.env.DATABASE_DRIVER === "neon")(
  "while a paused database wakes up (real PostgreSQL behind a holding proxy)",
  () => {
    let proxy: TcpProxy;
    let scratch: ScratchDatabase;
    const saved = { ...process.env };

    beforeAll(async () => {
      scratch = await createScratchDatabase(url!, "apex_waking");
      const target = new URL(url!);
      proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
      const viaProxy = new URL(scratch.url);
      viaProxy.hostname = "127.0.0.1";
      viaProxy.port = String(proxy.port);
      Object.assign(process.env, {
        DATABASE_URL: viaProxy.toString(),
        DATABASE_CONNECT_TIMEOUT_SECONDS: "1",
        DATABASE_POOL_MAX: "2",
        APP_URL: "http://127.0.0.1:3000",
        AUTH_SECRET: "w".repeat(40),
        CRON_SECRET: "c".repeat(20),
      });
      resetConfigForTests();
    });
    afterAll(async () => {
      const { getDatabaseHandle } = await import("@/lib/database");
      await (await getDatabaseHandle().catch(() => undefined))?.close();
      process.env = saved;
      resetConfigForTests();
      await proxy?.close();
      await scratch?.drop();
    });

    it("a page gets the waking page and an API route 503 + Retry-After, then both work once it is back", async () => {
      const { proxy: pageProxy } = await import("@/proxy");
      const { getDb } = await import("@/lib/database");
      const route = handle(async () => {
        await (await getDb()).execute(sql`select 1`);
        return Response.json({ ok: true });
      });
      const page = () => pageProxy(new NextRequest("http://127.0.0.1:3000/d/some-token"));
      const api = () => route(new Request("http://127.0.0.1:3000/api/x"), {});

      // Awake: the page goes on to render (Next's "continue" response), the route answers.
      expect((await page()).headers.get("x-middleware-next")).toBe("1");
      expect((await api()).status).toBe(200);

      // Paused for a quiet spell; the first request after it. Not a 60 s wait: the connect timeout (1 s here).
      proxy.pause();
      const g = globalThis as unknown as { __apexDbAnsweredAt?: number };
      g.__apexDbAnsweredAt = undefined; // the last answer was long ago
      const t0 = performance.now();
      const waking = await page();
      const pageMs = performance.now() - t0;
      expect(waking.status).toBe(503);
      expect(waking.headers.get("retry-after")).toBe("5");
      expect(waking.headers.get("cache-control")).toBe("no-store");
      expect(waking.headers.get("content-security-policy")).toContain("default-src");
      const html = await waking.text();
      expect(html).toContain("ApexShare is waking up");
      expect(html).toContain('<meta http-equiv="refresh" content="5">');
      // The page's one style block carries the CSP nonce, so it applies under the strict policy.
      const nonce = /'nonce-([^']+)'/.exec(waking.headers.get("content-security-policy")!)![1];
      expect(html).toContain(`<style nonce="${nonce}">`);
      expect(pageMs).toBeLessThan(5000);

      const down = await api();
      expect(down.status).toBe(503);
      expect(down.headers.get("retry-after")).toBe("5");

      // Resumed: the reload (and the API retry) succeed.
      proxy.resume();
      expect((await page()).headers.get("x-middleware-next")).toBe("1");
      expect((await api()).status).toBe(200);
    });
  },
);
