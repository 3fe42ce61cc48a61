// A local HTTP listener that answers the SESv2 SendEmail API, so the real
// @aws-sdk/client-sesv2 can be exercised. It is the one stand-in in the tests:
// no real SES can run here. It can be told to fail the next N requests.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface CapturedEmail {
  path: string;
  body: {
    FromEmailAddress: string;
    Destination: { ToAddresses: string[] };
    ReplyToAddresses?: string[];
    Content: { Simple: { Subject: { Data: string }; Body: { Text: { Data: string }; Html: { Data: string } } } };
  };
}

export type FakeSes = Awaited<ReturnType<typeof startFakeSes>>;

export async function startFakeSes() {
  const accepted: CapturedEmail[] = [];
  let failNext = 0;
  let requests = 0;
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      requests++;
      if (failNext > 0) {
        failNext--;
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ message: "simulated outage" }));
        return;
      }
      accepted.push({ path: req.url ?? "", body: JSON.parse(raw) });
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ MessageId: `msg-${accepted.length}` }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    accepted,
    get requests() {
      return requests;
    },
    failNext(n: number) {
      failNext = n;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
