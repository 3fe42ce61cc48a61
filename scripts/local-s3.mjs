// A local S3-compatible server (s3rver) for development and tests: loopback
// only, one bucket, CORS that lets the app's pages PUT parts and read ETag.
// Usage: node scripts/local-s3.mjs  (env: S3_PORT, S3_BUCKET, S3_DATA_DIR, APP_ORIGINS)
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import S3rver from "s3rver";

export function corsXml(origins) {
  const rules = origins
    .map(
      (o) => `<CORSRule>
    <AllowedOrigin>${o}</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod><AllowedMethod>HEAD</AllowedMethod><AllowedMethod>PUT</AllowedMethod><AllowedMethod>POST</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader><ExposeHeader>Content-Length</ExposeHeader><ExposeHeader>Content-Range</ExposeHeader><ExposeHeader>Accept-Ranges</ExposeHeader>
    <MaxAgeSeconds>3000</MaxAgeSeconds>
  </CORSRule>`,
    )
    .join("\n");
  return `<CORSConfiguration>${rules}</CORSConfiguration>`;
}

/** The app's origin in both loopback spellings, so localhost and 127.0.0.1 both work. */
export function originsFor(appUrl) {
  const u = new URL(appUrl);
  const out = new Set([u.origin]);
  for (const host of ["localhost", "127.0.0.1"]) out.add(`${u.protocol}//${host}${u.port ? `:${u.port}` : ""}`);
  return [...out];
}

export async function startLocalS3({ port = 4569, bucket = "apexshare-local", directory, origins, silent = true } = {}) {
  mkdirSync(directory, { recursive: true });
  const server = new S3rver({
    address: "127.0.0.1",
    port,
    silent,
    directory,
    configureBuckets: [{ name: bucket, configs: [corsXml(origins)] }],
  });
  const addr = await server.run();
  return { server, port: addr.port, endpoint: `http://127.0.0.1:${addr.port}`, close: () => server.close() };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const appUrl = process.env.APP_URL ?? "http://localhost:3000";
  const origins = process.env.APP_ORIGINS ? process.env.APP_ORIGINS.split(",") : originsFor(appUrl);
  const s3 = await startLocalS3({
    port: Number(process.env.S3_PORT ?? 4569),
    bucket: process.env.S3_BUCKET ?? "apexshare-local",
    directory: process.env.S3_DATA_DIR ?? path.join(process.cwd(), ".data", "s3"),
    origins,
  });
  console.log(
    `[apexshare] local S3 (s3rver) on ${s3.endpoint}, bucket ${process.env.S3_BUCKET ?? "apexshare-local"}, CORS for ${origins.join(", ")}`,
  );
  const stop = () => s3.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
