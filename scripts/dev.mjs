// `npm run dev`: the local S3 server plus `next dev`, on embedded defaults.
// Postgres is embedded (PGlite, in the Next process); email lands in /dev/mailbox.
import { spawn } from "node:child_process";
import path from "node:path";
import { originsFor, startLocalS3 } from "./local-s3.mjs";

const port = Number(process.env.PORT ?? 3000);
const appUrl = process.env.APP_URL ?? `http://localhost:${port}`;
const usingLocalS3 = !process.env.S3_ENDPOINT && !process.env.S3_BUCKET;

let s3;
if (usingLocalS3) {
  s3 = await startLocalS3({
    port: Number(process.env.S3_PORT ?? 4569),
    directory: path.join(process.cwd(), ".data", "s3"),
    origins: originsFor(appUrl),
  });
  console.log(`[apexshare] local S3 (s3rver) on ${s3.endpoint}`);
}

const env = { ...process.env, APP_URL: appUrl, AUTH_URL: appUrl, ...(s3 ? { S3_ENDPOINT: s3.endpoint } : {}) };
const args = process.argv.includes("--prod") ? ["start", "-p", String(port)] : ["dev", "-p", String(port)];
const next = spawn(process.execPath, [path.join("node_modules", "next", "dist", "bin", "next"), ...args], { stdio: "inherit", env });
console.log(`[apexshare] app on ${appUrl}  ·  dev mailbox: ${appUrl}/dev/mailbox`);

const stop = async (code = 0) => {
  next.kill("SIGTERM");
  await s3?.close();
  process.exit(code);
};
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));
next.on("exit", (code) => stop(code ?? 0));
