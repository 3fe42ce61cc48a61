// `npm run dev`: the local S3 server plus `next dev`, on embedded defaults.
// `--prod` serves the production build instead (`next start`), as the e2e tests do.
// Postgres is embedded (PGlite, in the Next process); email lands in /dev/mailbox.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { originsFor, startLocalS3 } from "./local-s3.mjs";
import { mediaToolEnv } from "./media-tools.mjs";

const port = Number(process.env.PORT ?? 3000);
const appUrl = process.env.APP_URL ?? `http://localhost:${port}`;
// --fresh: start from an empty data dir (the e2e tests use their own).
if (process.argv.includes("--fresh") && process.env.APEX_DATA_DIR) rmSync(process.env.APEX_DATA_DIR, { recursive: true, force: true });

const usingLocalS3 = !process.env.S3_ENDPOINT && !process.env.S3_BUCKET;

let s3;
if (usingLocalS3) {
  s3 = await startLocalS3({
    port: Number(process.env.S3_PORT ?? 4569),
    directory: path.join(process.env.APEX_DATA_DIR ?? path.join(process.cwd(), ".data"), "s3"),
    origins: originsFor(appUrl),
  });
  console.log(`[apexshare] local S3 (s3rver) on ${s3.endpoint}`);
}

// ffmpeg for the local media worker: the system's, else the npm-shipped one.
const env = {
  NEXT_TELEMETRY_DISABLED: "1",
  ...mediaToolEnv(),
  ...process.env,
  APP_URL: appUrl,
  AUTH_URL: appUrl,
  ...(s3 ? { S3_ENDPOINT: s3.endpoint } : {}),
};
const args = [process.argv.includes("--prod") ? "start" : "dev", "-p", String(port)];
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
