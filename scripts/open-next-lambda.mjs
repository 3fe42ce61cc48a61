// Running the OpenNext server function (what `sst deploy` ships to Lambda) in a local
// Node process: its folder, the production settings it is given, and the Lambda
// Function URL event (API Gateway v2 payload) AWS would send it.
// Used by scripts/smoke-open-next.mjs and the cold-start part of bench/api.mjs.
import path from "node:path";
import { pathToFileURL } from "node:url";

/** The server function's folder after `OPEN_NEXT_LOCAL=1 open-next build`; the handler must run with it as cwd. */
export const functionDir = (root = process.cwd()) => path.join(root, ".open-next", "server-functions", "default");

/** Imports the handler (`process.chdir` first: it reads its files relative to the cwd). Returns it with the import time. */
export async function importHandler(dir) {
  process.chdir(dir);
  const t0 = performance.now();
  const { handler } = await import(pathToFileURL(path.join(dir, "index.mjs")).href);
  return { handler, importMs: performance.now() - t0 };
}

/**
 * A complete production configuration against local parts: the real PostgreSQL
 * database, s3rver (its own key pair; it does not check signatures) and an SES endpoint.
 * `name` tags the secrets so a log shows which tool ran.
 */
export function productionEnv({ name, appUrl, databaseUrl, s3Endpoint, bucket = "apexshare-local", sesEndpoint = "http://127.0.0.1:9" }) {
  return {
    APP_ENV: "production",
    APP_URL: appUrl,
    AUTH_SECRET: `${name}-auth-secret-`.padEnd(48, "x"),
    DATABASE_URL: databaseUrl,
    S3_BUCKET: bucket,
    S3_ENDPOINT: s3Endpoint,
    S3_ACCESS_KEY_ID: "S3RVER",
    S3_SECRET_ACCESS_KEY: "S3RVER",
    EMAIL_FROM: "ApexShare <videos@example.com>",
    SES_ENDPOINT: sesEndpoint,
    AWS_ACCESS_KEY_ID: name,
    AWS_SECRET_ACCESS_KEY: name,
    AWS_REGION: "us-east-1",
    CRON_SECRET: `${name}-cron-secret-0123456789`,
    NEXT_TELEMETRY_DISABLED: "1",
    // What the app defaults to on Lambda (AWS_LAMBDA_FUNCTION_NAME), which a local run does not set.
    TRUST_PROXY: "cloudfront",
  };
}

/** A Lambda Function URL event for `method pathAndQuery` on `appUrl`, cookies sent both ways AWS does. */
export function functionUrlEvent({ appUrl, method = "GET", path: pathAndQuery, headers = {}, cookie = "", body, userAgent = "local" }) {
  const [rawPath, rawQueryString = ""] = pathAndQuery.split("?");
  const host = new URL(appUrl).host;
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath,
    rawQueryString,
    cookies: cookie ? cookie.split("; ") : undefined,
    headers: { host, "x-forwarded-proto": "https", ...(cookie ? { cookie } : {}), ...headers },
    requestContext: {
      http: { method, path: rawPath, protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent },
      domainName: host,
      timeEpoch: Date.now(),
    },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    isBase64Encoded: false,
  };
}

/** Calls the handler with an event and decodes its answer. */
export async function invoke(handler, event) {
  const name = event.requestContext.http.userAgent;
  const res = await handler(event, { getRemainingTimeInMillis: () => 30_000, functionName: name, awsRequestId: name });
  const text = res.isBase64Encoded ? Buffer.from(res.body ?? "", "base64").toString("utf8") : (res.body ?? "");
  return { status: res.statusCode, headers: res.headers ?? {}, cookies: res.cookies ?? [], text };
}
