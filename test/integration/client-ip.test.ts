// The client's address comes from the configured trust chain, never from a
// header the client controls: rotating X-Forwarded-For does not escape a limit.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientIp, enforce, type Policy } from "@/lib/rate-limit";
import { installRequestGuards } from "@/lib/security/client-ip";
import { ApiError } from "@/lib/http";
import { openTestDatabase, type TestDatabase } from "../support/db";

let t: TestDatabase;
let server: http.Server;
let base: string;
const lookups: Policy = { what: "test link lookups", limit: 30, windowSeconds: 60 };

beforeAll(async () => {
  t = await openTestDatabase();
  installRequestGuards({ stampPeer: true }, http);
  // A plain Node server, as `next start` runs: the handler sees only the request headers.
  server = http.createServer(async (req, res) => {
    const headers = new Headers(Object.entries(req.headers).map(([k, v]) => [k, String(v)] as [string, string]));
    try {
      await enforce(t.db, lookups, clientIp(headers, "none"));
      res.writeHead(200).end(clientIp(headers, "none"));
    } catch (err) {
      res.writeHead(err instanceof ApiError ? err.status : 500).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await t?.close();
});

describe("client address", () => {
  it("behind no proxy, a rotating X-Forwarded-For (or a forged peer header) does not escape the per-IP limit", async () => {
    const statuses: number[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const res = await fetch(`${base}/d/x`, {
        headers: { "x-forwarded-for": `10.0.${i}.1`, "x-real-ip": `10.1.${i}.1`, "x-apexshare-peer-address": `10.2.${i}.1` },
      });
      statuses.push(res.status);
      if (res.ok) seen.add(await res.text());
    }
    expect([...seen]).toEqual(["127.0.0.1"]);
    expect(statuses.filter((s) => s === 200)).toHaveLength(30);
    expect(statuses.slice(30).every((s) => s === 429)).toBe(true);
  });

  it("behind CloudFront, the viewer address CloudFront sets; X-Forwarded-For is ignored", () => {
    const h = (o: Record<string, string>) => new Headers(o);
    expect(clientIp(h({ "cloudfront-viewer-address": "203.0.113.9:52344", "x-forwarded-for": "6.6.6.6" }), "cloudfront")).toBe(
      "203.0.113.9",
    );
    expect(clientIp(h({ "cloudfront-viewer-address": "2001:db8::1:443" }), "cloudfront")).toBe("2001:db8::1");
    expect(clientIp(h({ "x-forwarded-for": "6.6.6.6" }), "cloudfront")).toBe("unknown");
  });

  it("behind n proxies of our own, the n-th X-Forwarded-For entry from the right", () => {
    const h = new Headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.9, 10.0.0.2" });
    expect(clientIp(h, 1)).toBe("10.0.0.2");
    expect(clientIp(h, 2)).toBe("203.0.113.9");
    expect(clientIp(new Headers({ "x-forwarded-for": "10.0.0.2" }), 2)).toBe("unknown");
  });

  it("a malformed %-escape in the path is a 404 before the app sees it", async () => {
    for (const p of ["/d/%ff", "/api/videos/%ff", "/student/videos/%E0%A4%A"]) expect((await fetch(`${base}${p}`)).status).toBe(404);
  });
});
