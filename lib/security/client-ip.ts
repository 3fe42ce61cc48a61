// The client's address, from a configured trust chain (TRUST_PROXY), never from
// a header the client controls:
//   none        the TCP peer. `next start` only fills X-Forwarded-For when the client
//               sent none (`??=` in Next's base server), so that header is the client's
//               own; installRequestGuards() records the socket address instead.
//   cloudfront  CloudFront's `cloudfront-viewer-address` ("ip:port"), which CloudFront
//               sets itself (the origin must be reachable only through CloudFront).
//   n (1–5)     n proxies we run append to X-Forwarded-For: the n-th entry from the right.
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Config } from "@/lib/config";

/** Request header carrying the socket address; any copy the client sends is overwritten. */
export const PEER_ADDRESS_HEADER = "x-apexshare-peer-address";

export type TrustProxy = Config["trustProxy"];

export function clientIpFrom(headers: Headers, trust: TrustProxy): string {
  if (trust === "none") return headers.get(PEER_ADDRESS_HEADER) || "unknown";
  if (trust === "cloudfront") {
    const viewer = headers.get("cloudfront-viewer-address")?.trim();
    // "203.0.113.9:52344" or "2001:db8::1:52344": the port is after the last colon.
    return viewer ? viewer.replace(/:\d+$/, "") || "unknown" : "unknown";
  }
  const hops = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return hops.length >= trust ? hops[hops.length - trust] : "unknown";
}

let installed = false;

/** True when a request path has a malformed %-escape (`/d/%ff`), which Next answers with a 500. */
export function hasMalformedEscape(url: string): boolean {
  try {
    decodeURIComponent(url.split("?")[0]);
    return false;
  } catch {
    return true;
  }
}

/**
 * Guards every incoming request of this Node process before Next sees it: a
 * malformed %-escape in the path gets a 404 (not Next's 500), and with
 * `stampPeer` (TRUST_PROXY=none) the socket address is recorded in
 * PEER_ADDRESS_HEADER, overwriting any copy the client sent. Called once from
 * instrumentation.ts (Node runtime, `next start`); on Lambda there is no Node server.
 */
export function installRequestGuards(
  opts: { stampPeer: boolean },
  http: { Server: typeof Server } = process.getBuiltinModule("node:http"),
) {
  if (installed) return;
  installed = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as IncomingMessage;
      if (hasMalformedEscape(req.url ?? "/")) {
        (args[1] as ServerResponse).writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not found.");
        return true;
      }
      if (opts.stampPeer) req.headers[PEER_ADDRESS_HEADER] = req.socket?.remoteAddress ?? "unknown";
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof emit;
}
