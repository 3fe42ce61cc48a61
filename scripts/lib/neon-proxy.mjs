// The WebSocket-to-TCP proxy Neon runs in front of Postgres, so Neon's serverless driver reaches the local
// server (the Neon-driver integration tests and the deploy rehearsal). Only the local database is reachable.
import net from "node:net";
import { WebSocketServer } from "ws";

export async function startNeonProxy() {
  const wss = new WebSocketServer({ host: "127.0.0.1", port: 0, path: "/v1" });
  wss.on("connection", (ws, req) => {
    const address = new URL(req.url ?? "", "http://x").searchParams.get("address") ?? "";
    const [host, port] = address.split(":");
    // Only the local database: a fixture, not an open relay.
    if (!["127.0.0.1", "localhost"].includes(host)) return ws.close(1008, "address not allowed");
    const tcp = net.connect(Number(port) || 5432, host);
    tcp.on("data", (d) => ws.readyState === ws.OPEN && ws.send(d));
    tcp.on("close", () => ws.close());
    tcp.on("error", () => ws.close());
    ws.on("message", (m) => tcp.write(m));
    ws.on("close", () => tcp.destroy());
  });
  await new Promise((r) => wss.on("listening", () => r()));
  return { url: `127.0.0.1:${wss.address().port}/v1`, close: () => new Promise((r) => wss.close(() => r())) };
}
