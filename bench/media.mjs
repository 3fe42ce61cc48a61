#!/usr/bin/env node
// Media benchmark (not a test): upload complete → playable 720p for a 60 s 4K
// HEVC+AAC clip (what a GoPro writes in its high-efficiency mode), locally with
// the ffmpeg engine, through the real path: s3rver, PGlite, completeUpload, the
// media job reading the original through a presigned GET.
//
//   npm run bench:media [-- --seconds 60]     (runs under tsx with the react-server condition: it imports lib/ directly)
//
// Prints: clip duration, time to playable 720p (and its ratio to the duration),
// time to all renditions, rendition bytes ÷ original bytes, peak memory of the
// worker (this Node process + its ffmpeg child, sampled from /proc every 200 ms).
// Linux only (reads /proc). The clip is cached in bench/out/.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { eq } from "drizzle-orm";
import { openDatabase } from "@/db/client";
import { mediaJobs, videos } from "@/db/schema";
import { createTrainer } from "@/lib/auth/trainers";
import { claimMediaJob, runMediaJob } from "@/lib/media/jobs";
import { toolPath } from "@/lib/media/tools";
import { Storage } from "@/lib/storage/s3";
import { completeUpload, createUpload, recordParts, signParts } from "@/lib/uploads/service";
import { resolveConfig } from "@/lib/config";
import { startLocalS3 } from "../scripts/local-s3.mjs";
import { mediaToolEnv } from "../scripts/media-tools.mjs";
import { clipArgs } from "../scripts/lib/test-clip.mjs";

Object.assign(process.env, mediaToolEnv());

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const seconds = Number(arg("seconds", 60));
const out = path.join(process.cwd(), "bench", "out");
mkdirSync(out, { recursive: true });
const clip = path.join(out, `GX01BENCH-${seconds}s.MP4`);
const ffmpeg = toolPath("ffmpeg");
console.log(`ffmpeg: ${ffmpeg}`);

if (!existsSync(clip)) {
  console.log(`making a ${seconds} s 3840x2160 HEVC+AAC clip (once; slow)…`);
  const t = performance.now();
  execFileSync(ffmpeg, [
    "-v",
    "error",
    "-y",
    // ~60 Mbit/s like a GoPro (the test pattern compresses far better than a road at speed).
    ...clipArgs({ size: "3840x2160", seconds, codec: "hevc", x265Params: "bitrate=60000:vbv-maxrate=60000:vbv-bufsize=120000" }),
    clip,
  ]);
  console.log(`  made in ${((performance.now() - t) / 1000).toFixed(0)} s`);
}
const originalBytes = statSync(clip).size;

// Peak memory: this process + its children (ffmpeg), from /proc.
let peak = 0;
const rssOf = (pid) => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
};
const children = () =>
  readdirSync("/proc").filter(
    (p) => /^\d+$/.test(p) && readFileSync(`/proc/${p}/stat`, "utf8").split(") ")[1]?.split(" ")[1] === String(process.pid),
  );
const sampler = setInterval(() => {
  let total = rssOf(process.pid);
  try {
    for (const c of children()) total += rssOf(c);
  } catch {}
  peak = Math.max(peak, total);
}, 200);

const dir = mkdtempSync(path.join(os.tmpdir(), "apex-bench-media-"));
const s3 = await startLocalS3({ port: 0, bucket: "bench", directory: path.join(dir, "s3"), origins: ["http://localhost"] });
const storage = new Storage({
  bucket: "bench",
  region: "us-east-1",
  endpoint: s3.endpoint,
  publicEndpoint: s3.endpoint,
  forcePathStyle: true,
  credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
});
const handle = await openDatabase({ driver: "pglite", dataDir: ":memory:" }, { migrate: true });
const db = handle.db;
try {
  const trainer = await createTrainer(db, { email: "bench@example.com", password: "correct horse battery", name: "Bench" });
  const config = resolveConfig({
    APP_URL: "http://localhost:3000",
    AUTH_SECRET: "x".repeat(40),
    EMAIL_WEBHOOK_SECRET: "w".repeat(20),
    CRON_SECRET: "c".repeat(20),
    UPLOAD_MAX_BYTES: String(50 * 1024 ** 3),
  });
  const deps = { db, storage, config, now: () => new Date() };
  const bytes = readFileSync(clip);
  const up = await createUpload(deps, trainer, {
    fileName: path.basename(clip),
    size: bytes.length,
    sessionDate: "2026-05-31",
    students: [{ email: "s@example.com" }],
  });
  const { parts } = await signParts(deps, trainer, up.videoId, { partNumbers: Array.from({ length: up.partCount }, (_, i) => i + 1) });
  for (const p of parts) {
    const body = bytes.subarray((p.partNumber - 1) * up.partSize, p.partNumber * up.partSize);
    const res = await fetch(p.url, { method: "PUT", body });
    await recordParts(deps, trainer, up.videoId, {
      parts: [{ partNumber: p.partNumber, etag: res.headers.get("etag"), size: body.length }],
    });
  }
  await completeUpload(deps, trainer, up.videoId, { mediaEngine: "ffmpeg" });
  const completedAt = performance.now();
  let playableMs = null;
  const ctx = { ...deps, onPlayable: async () => void (playableMs ??= performance.now() - completedAt) };
  const job = await claimMediaJob(ctx);
  const outcome = await runMediaJob(ctx, job);
  const allMs = performance.now() - completedAt;
  const [video] = await db.select().from(videos).where(eq(videos.id, up.videoId));
  const [row] = await db.select().from(mediaJobs).where(eq(mediaJobs.videoId, up.videoId));
  if (outcome.status !== "ready") throw new Error(`job ${outcome.status}: ${outcome.error ?? row.lastError}`);
  const duration = video.probe.durationSeconds;
  const rows = [
    [
      "clip",
      `${video.probe.video.width}x${video.probe.video.height} ${video.probe.video.codec} + ${video.probe.audio?.codec}, ${duration} s, ${(originalBytes / 1e6).toFixed(1)} MB (${((originalBytes * 8) / duration / 1e6).toFixed(1)} Mbit/s)`,
    ],
    ["complete → playable 720p", `${(playableMs / 1000).toFixed(1)} s = ${(playableMs / 1000 / duration).toFixed(2)} × duration`],
    [
      "complete → all renditions + poster + storyboard",
      `${(allMs / 1000).toFixed(1)} s = ${(allMs / 1000 / duration).toFixed(2)} × duration`,
    ],
    ...video.renditions.map((r) => [
      `${r.name} (${r.width}x${r.height})`,
      `${(r.bytes / 1e6).toFixed(1)} MB = ${(r.bytes / originalBytes).toFixed(3)} × original, ${((r.bytes * 8) / duration / 1e6).toFixed(2)} Mbit/s`,
    ]),
    ["all renditions ÷ original", (video.renditions.reduce((s, r) => s + r.bytes, 0) / originalBytes).toFixed(3)],
    ["peak worker memory (node + ffmpeg RSS)", `${(peak / 1e6).toFixed(0)} MB`],
    ["machine", `${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}`],
  ];
  for (const [k, v] of rows) console.log(`${k.padEnd(48)} ${v}`);
} finally {
  clearInterval(sampler);
  await handle.close();
  await s3.close();
  rmSync(dir, { recursive: true, force: true });
}
