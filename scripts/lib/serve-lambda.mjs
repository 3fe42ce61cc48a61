// Serves a Lambda Function URL handler (the OpenNext server) over local HTTP,
// the way CloudFront → Function URL would call it: each request becomes a
// Function URL event (payload 2.0) with CloudFront's viewer-address header.
// Run in a child process whose environment is exactly the function's.
// Usage: node scripts/lib/serve-lambda.mjs <bundle-dir> <handler-file> [port]
// Prints "listening <port>" once ready.
import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [dir, file = "index.mjs", port = "0"] = process.argv.slice(2);
process.chdir(dir); // Lambda runs with the bundle as its working directory.
const { handler } = await import(pathToFileURL(path.join(dir, file)).href);

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", async () => {
    const url = new URL(req.url, "http://localhost");
    const body = Buffer.concat(chunks);
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(",") : String(v)]));
    const event = {
      version: "2.0",
      routeKey: "$default",
      rawPath: url.pathname,
      rawQueryString: url.search.slice(1),
      cookies: headers.cookie ? headers.cookie.split("; ") : undefined,
      headers: { "cloudfront-viewer-address": `${req.socket.remoteAddress}:${req.socket.remotePort}`, ...headers },
      requestContext: {
        http: {
          method: req.method,
          path: url.pathname,
          protocol: "HTTP/1.1",
          sourceIp: req.socket.remoteAddress,
          userAgent: headers["user-agent"] ?? "",
        },
        domainName: headers.host,
        timeEpoch: Date.now(),
      },
      body: body.length ? body.toString("base64") : undefined,
      isBase64Encoded: body.length > 0,
    };
    try {
      const out = await handler(event, {
        getRemainingTimeInMillis: () => 30_000,
        functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
        awsRequestId: "local",
      });
      const resHeaders = { ...(out.headers ?? {}) };
      if (out.cookies?.length) resHeaders["set-cookie"] = out.cookies;
      res.writeHead(out.statusCode ?? 200, resHeaders);
      res.end(out.body ? Buffer.from(out.body, out.isBase64Encoded ? "base64" : "utf8") : undefined);
    } catch (err) {
      // What the Function URL answers when the handler throws.
      console.error(err);
      res.writeHead(502, { "content-type": "text/plain" });
      res.end("handler error");
    }
  });
});
server.listen(Number(port), "127.0.0.1", () => console.log(`listening ${server.address().port}`));
