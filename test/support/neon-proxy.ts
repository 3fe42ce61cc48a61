// A small WebSocket-to-TCP proxy, the piece Neon runs in front of Postgres, so
// the real @neondatabase/serverless driver can talk to the local PostgreSQL.
import net from "node:net";
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";

export async function startNeonProxy() {
  const wss = new WebSocketServer({ host: "127.0.0.1", port: 0, path: "/v1" });
  wss.on("connection", (ws, req) => {
    const address = new URL(req.url ?? "", "http://x").searchParams.get("address") ?? "";
    const [host, port] = address.split(":");
    // Only the local database: this proxy is a test fixture, not an open relay.
    if (!["127.0.0.1", "localhost"].includes(host)) return ws.close(1008, "address not allowed");
    const tcp = net.connect(Number(port) || 5432, host);
    tcp.on("data", (d) => ws.readyState === ws.OPEN && ws.send(d));
    tcp.on("close", () => ws.close());
    tcp.on("error", () => ws.close());
    ws.on("message", (m) => tcp.write(m as Buffer));
    ws.on("close", () => tcp.destroy());
  });
  await new Promise<void>((r) => wss.on("listening", () => r()));
  const { port } = wss.address() as AddressInfo;
  return { url: `127.0.0.1:${port}/v1`, close: () => new Promise<void>((r) => wss.close(() => r())) };
}
