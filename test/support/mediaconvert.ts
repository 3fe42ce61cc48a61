// A local HTTP listener that answers MediaConvert's CreateJob (REST-JSON,
// POST /2017-08-29/jobs), so the real @aws-sdk/client-mediaconvert can be
// exercised. Like test/support/ses.ts, it is a stand-in: MediaConvert cannot run here.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface CapturedJob {
  method: string;
  path: string;
  body: Record<string, unknown>;
}

export async function startFakeMediaConvert() {
  const jobs: CapturedJob[] = [];
  let failNext = 0;
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      if (failNext > 0) {
        failNext--;
        res.writeHead(503, { "content-type": "application/json", "x-amzn-errortype": "ServiceUnavailableException" });
        res.end(JSON.stringify({ message: "simulated outage" }));
        return;
      }
      jobs.push({ method: req.method ?? "", path: req.url ?? "", body: JSON.parse(raw || "{}") });
      const id = `${Date.now()}-job${jobs.length}`;
      res.writeHead(201, { "content-type": "application/json" });
      res.end(JSON.stringify({ job: { id, arn: `arn:aws:mediaconvert:us-east-1:123456789012:jobs/${id}`, status: "SUBMITTED" } }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    jobs,
    failNext(n: number) {
      failNext = n;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
