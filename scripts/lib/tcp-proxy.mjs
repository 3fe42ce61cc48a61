// A TCP proxy in front of the real database that tests can cut, restore or pause:
// `cut()` is a restart (connections dropped, new ones refused); `pause()` is a paused
// Aurora Serverless v2 cluster (new connections are accepted and then held, unanswered,
// until `resume()`, as Aurora holds a connection while it resumes).
import net from "node:net";

export async function startTcpProxy(target) {
  const sockets = new Set();
  let held = [];
  let paused = false;
  let server;
  let port = 0;
  const track = (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
    s.on("error", () => {});
  };
  const pipe = (client) => {
    if (client.destroyed) return;
    const upstream = net.connect(target.port, target.host);
    track(upstream);
    client.pipe(upstream).pipe(client);
    client.resume();
  };
  const listen = () =>
    new Promise((resolve) => {
      server = net.createServer({ pauseOnConnect: true }, (client) => {
        track(client);
        if (paused) held.push(client);
        else pipe(client);
      });
      server.listen(port, "127.0.0.1", () => {
        port = server.address().port;
        resolve();
      });
    });
  await listen();
  return {
    get port() {
      return port;
    },
    /** Refuse new connections and drop the open ones, like a database restart. */
    async cut() {
      const closed = new Promise((r) => server.close(() => r()));
      for (const s of sockets) s.destroy();
      await closed;
    },
    restore: listen,
    /** Drop the open connections and hold new ones unanswered, like a paused Aurora cluster. */
    pause() {
      paused = true;
      for (const s of sockets) s.destroy();
    },
    /** The cluster is back: held connections (those whose client still waits) go through. */
    resume() {
      paused = false;
      for (const client of held.splice(0)) pipe(client);
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((r) => (server?.listening ? server.close(() => r()) : r()));
    },
  };
}
