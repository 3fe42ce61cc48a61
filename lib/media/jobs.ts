// Media jobs in Postgres: queued → running → ready | failed. A worker claims
// the oldest due job with FOR UPDATE SKIP LOCKED and a lease it renews while
// ffmpeg runs; a crashed or restarted worker's lease runs out and the job is
// claimed again (work already stored is kept). Failures retry with backoff; a
// file that is not a decodable video is refused: never retried, never emailed.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Database, Tx } from "@/db/client";
import { emailOutbox, mediaJobs, shares, videos, type MediaJob, type Video, type VideoRendition } from "@/db/schema";
import type { Storage } from "@/lib/storage/s3";
import { recordingChapters, recordingComplete } from "./chapters";
import { CONCAT_INPUT, concatList, makePoster, makeRendition, makeStoryboardImage, storyboardPlan, storyboardVtt } from "./ffmpeg";
import { joinChapterHilights } from "./hilights";
import { displaySize, NotAVideoError, probeMedia } from "./probe";
import { mediaKeys, renditionsFor, renditionSize } from "./renditions";

/** What the media code needs from the app (a subset of lib/context's AppContext). */
export interface MediaContext {
  db: Database;
  storage: Storage;
  now: () => Date;
  /** Called when the phone version is stored and the emails are released (the local worker sends them at once). */
  onPlayable?: (videoId: string) => Promise<unknown>;
}

export const MEDIA_MAX_ATTEMPTS = 4;
export const MEDIA_LEASE_MS = 2 * 60_000;
/** The share emails wait this long at most for the phone rendition. */
export const EMAIL_WAIT_MS = 5 * 60_000;
/** The worker reads the original through a presigned GET valid this long (a long 4K transcode included). */
const SOURCE_URL_TTL_SECONDS = 12 * 3600;

/** 30 s, 2 min, 8 min. */
export function mediaBackoffMs(attempts: number): number {
  return 30_000 * 4 ** Math.max(0, attempts - 1);
}

/** Called in the upload-completion transaction: one job per video (completing twice is harmless). */
export async function enqueueMediaJob(tx: Database | Tx, videoId: string, now: Date, engine = "ffmpeg") {
  await tx.insert(mediaJobs).values({ videoId, engine, runAfter: now }).onConflictDoNothing();
}

/** Claims the next due job of this engine (or one whose worker's lease ran out). */
export async function claimMediaJob(ctx: MediaContext, engine = "ffmpeg", leaseMs = MEDIA_LEASE_MS): Promise<MediaJob | null> {
  const now = ctx.now();
  const due = ctx.db
    .select({ id: mediaJobs.id })
    .from(mediaJobs)
    .where(
      and(
        eq(mediaJobs.engine, engine),
        or(
          and(eq(mediaJobs.status, "queued"), lte(mediaJobs.runAfter, now)),
          // A worker that died mid-job: its lease ran out, pick it up again.
          and(eq(mediaJobs.status, "running"), lt(mediaJobs.lockedUntil, now)),
        ),
      ),
    )
    .orderBy(mediaJobs.runAfter)
    .limit(1)
    .for("update", { skipLocked: true });
  const [job] = await ctx.db
    .update(mediaJobs)
    .set({
      status: "running",
      lockedUntil: new Date(now.getTime() + leaseMs),
      attempts: sql`${mediaJobs.attempts} + 1`,
      startedAt: now,
    })
    .where(inArray(mediaJobs.id, due))
    .returning();
  return job ?? null;
}

/** Keeps the lease while work goes on; false when the job is no longer ours (reclaimed or reset). */
async function renewLease(ctx: MediaContext, job: MediaJob): Promise<boolean> {
  const rows = await ctx.db
    .update(mediaJobs)
    .set({ lockedUntil: new Date(ctx.now().getTime() + MEDIA_LEASE_MS) })
    .where(and(eq(mediaJobs.id, job.id), eq(mediaJobs.status, "running"), eq(mediaJobs.attempts, job.attempts)))
    .returning({ id: mediaJobs.id });
  return rows.length > 0;
}

async function finishJob(db: Database | Tx, job: MediaJob, set: Partial<typeof mediaJobs.$inferInsert>) {
  await db
    .update(mediaJobs)
    .set({ ...set, lockedUntil: null })
    .where(and(eq(mediaJobs.id, job.id), eq(mediaJobs.status, "running"), eq(mediaJobs.attempts, job.attempts)));
}

/**
 * The phone version of a video is ready (or its job gave up: the original is
 * there). A session's email lists every video of the upload, so its held
 * emails go when none of the session's announced videos is still being prepared.
 */
export async function releaseShareEmails(db: Database | Tx, videoId: string, now: Date) {
  const [video] = await db.select({ sessionId: videos.sessionId }).from(videos).where(eq(videos.id, videoId));
  if (!video) return;
  const [waiting] = await db
    .select({ id: videos.id })
    .from(videos)
    .innerJoin(mediaJobs, eq(mediaJobs.videoId, videos.id))
    .where(
      and(
        eq(videos.sessionId, video.sessionId),
        eq(videos.status, "ready"),
        inArray(mediaJobs.status, ["queued", "running"]),
        isNull(mediaJobs.playableAt),
      ),
    )
    .limit(1);
  if (waiting) return;
  const shareIds = db.select({ id: shares.id }).from(shares).where(eq(shares.sessionId, video.sessionId));
  await db
    .update(emailOutbox)
    .set({ nextAttemptAt: now })
    .where(and(inArray(emailOutbox.shareId, shareIds), eq(emailOutbox.status, "queued"), sql`${emailOutbox.nextAttemptAt} > ${now}`));
}

/** A session left without a video to watch (refused, deleted) has its links withdrawn; otherwise they stay. */
export async function withdrawEmptySession(tx: Database | Tx, sessionId: string, now: Date) {
  const [left] = await tx
    .select({ id: videos.id })
    .from(videos)
    .where(and(eq(videos.sessionId, sessionId), eq(videos.status, "ready")))
    .limit(1);
  if (!left)
    await tx
      .update(shares)
      .set({ revokedAt: now })
      .where(and(eq(shares.sessionId, sessionId), isNull(shares.revokedAt)));
}

/**
 * Not a video: the video fails and leaves the session's queued emails; an
 * email left with no video is never sent, and a session left with no video
 * has its links withdrawn.
 */
export async function refuseVideo(db: Database, job: MediaJob, reason: string, now: Date) {
  await db.transaction(async (tx) => {
    await finishJob(tx, job, { status: "failed", refused: true, lastError: reason, finishedAt: now });
    const [video] = await tx.update(videos).set({ status: "failed" }).where(eq(videos.id, job.videoId)).returning();
    if (!video) return;
    const shareIds = tx.select({ id: shares.id }).from(shares).where(eq(shares.sessionId, video.sessionId));
    const pending = and(inArray(emailOutbox.shareId, shareIds), inArray(emailOutbox.status, ["queued", "sending"]));
    await tx
      .update(emailOutbox)
      .set({
        payload: sql`jsonb_set(${emailOutbox.payload}, '{videos}', coalesce((select jsonb_agg(x) from jsonb_array_elements(${emailOutbox.payload}->'videos') x where x->>'id' <> ${video.id}), '[]'::jsonb))`,
      })
      .where(and(pending, sql`${emailOutbox.payload} ? 'videos'`));
    await tx
      .update(emailOutbox)
      .set({ status: "failed", lastError: `not sent: ${reason}`, payload: {} })
      .where(and(pending, sql`coalesce(jsonb_array_length(${emailOutbox.payload}->'videos'), 0) = 0`));
    await withdrawEmptySession(tx, video.sessionId, now);
  });
  // The other videos' emails no longer wait for this one.
  await releaseShareEmails(db, job.videoId, now);
}

export interface JobOutcome {
  jobId: string;
  videoId: string;
  status: "ready" | "failed" | "retry" | "lost";
  error?: string;
}

/** Claims and runs one job with ffmpeg; null when nothing is due. */
export async function runNextMediaJob(ctx: MediaContext): Promise<JobOutcome | null> {
  const job = await claimMediaJob(ctx, "ffmpeg");
  return job ? runMediaJob(ctx, job) : null;
}

export async function runMediaJob(ctx: MediaContext, job: MediaJob): Promise<JobOutcome> {
  const out = { jobId: job.id, videoId: job.videoId };
  const abort = new AbortController();
  // Renew the lease while ffmpeg runs; if the job was taken from us, stop work.
  const heartbeat = setInterval(() => {
    renewLease(ctx, job)
      .then((ours) => ours || abort.abort())
      .catch(() => {});
  }, MEDIA_LEASE_MS / 4);
  const dir = await mkdtemp(path.join(tmpdir(), "apex-media-"));
  try {
    await processVideo(ctx, job, dir, abort.signal);
    await finishJob(ctx.db, job, { status: "ready", lastError: null, finishedAt: ctx.now() });
    return { ...out, status: "ready" };
  } catch (err) {
    const now = ctx.now();
    const message = err instanceof Error ? err.message.slice(0, 500) : String(err).slice(0, 500);
    if (abort.signal.aborted) return { ...out, status: "lost", error: message };
    if (err instanceof NotAVideoError) {
      await refuseVideo(ctx.db, job, err.message, now);
      return { ...out, status: "failed", error: err.message };
    }
    if (err instanceof VideoGoneError || job.attempts >= MEDIA_MAX_ATTEMPTS) {
      await ctx.db.transaction(async (tx) => {
        await finishJob(tx, job, { status: "failed", lastError: message, finishedAt: now });
        // The original is still there to download: do not keep students waiting.
        await releaseShareEmails(tx, job.videoId, now);
      });
      return { ...out, status: "failed", error: message };
    }
    await finishJob(ctx.db, job, {
      status: "queued",
      lastError: message,
      runAfter: new Date(now.getTime() + mediaBackoffMs(job.attempts)),
    });
    return { ...out, status: "retry", error: message };
  } finally {
    clearInterval(heartbeat);
    await rm(dir, { recursive: true, force: true });
  }
}

class VideoGoneError extends Error {}

async function processVideo(ctx: MediaContext, job: MediaJob, dir: string, signal: AbortSignal) {
  const { db, storage } = ctx;
  const [video] = await db.select().from(videos).where(eq(videos.id, job.videoId));
  if (!video || video.status !== "ready") throw new VideoGoneError("The video was deleted or is not uploaded.");
  // A recording in chapters plays as one: the renditions are the chapters joined in order.
  const chapters = await recordingChapters(db, video);
  if (!recordingComplete(chapters)) throw new VideoGoneError("Not every chapter of this recording is uploaded.");
  const urls = await Promise.all(chapters.map((c) => storage.presignGet(c.objectKey, SOURCE_URL_TTL_SECONDS)));
  let source = urls[0];
  let inputOptions: string[] = [];
  if (urls.length > 1) {
    source = path.join(dir, "chapters.txt");
    await writeFile(source, concatList(urls));
    inputOptions = CONCAT_INPUT;
  }

  let probe = video.probe;
  if (!probe) {
    const probes = [];
    for (const url of urls) probes.push(await probeMedia(url));
    const total = probes.reduce((sum, p) => sum + p.durationSeconds, 0);
    probe = { ...probes[0], durationSeconds: Math.round(total * 1000) / 1000, hilights: joinChapterHilights(probes) };
    await db.update(videos).set({ probe, durationSeconds: probe.durationSeconds }).where(eq(videos.id, video.id));
  }

  const done = new Set(video.renditions.map((r) => r.name));
  let first: string | undefined;
  for (const rendition of renditionsFor(displaySize(probe))) {
    if (signal.aborted) throw new Error("lease lost");
    if (done.has(rendition.name)) continue;
    const file = path.join(dir, `${rendition.name}.mp4`);
    await makeRendition(source, file, rendition, probe, { signal, inputOptions });
    const key = mediaKeys.rendition(video.id, rendition.name);
    const bytes = await storage.putFile(key, file, "video/mp4");
    await assertStillWanted(ctx, video.id, key);
    const stored: VideoRendition = { name: rendition.name, key, bytes, ...renditionSize(displaySize(probe), rendition) };
    await db
      .update(videos)
      .set({ renditions: sql`${videos.renditions} || ${JSON.stringify([stored])}::jsonb` })
      .where(eq(videos.id, video.id));
    first ??= file;
    if (!video.posterKey || !video.storyboard) await makeStills(ctx, video, file, probe.durationSeconds, dir);
    await markPlayable(ctx, job, video.id);
  }
  if (!first && video.renditions.length && (!video.posterKey || !video.storyboard)) {
    // A retry after the renditions were stored: take the stills from the stored phone rendition.
    await makeStills(ctx, video, await storage.presignGet(video.renditions[0].key, 3600), probe.durationSeconds, dir);
  }
  await markPlayable(ctx, job, video.id);
}

/** Deleted (or expired) while we worked: remove what we just stored and stop. */
async function assertStillWanted(ctx: MediaContext, videoId: string, key: string) {
  const [row] = await ctx.db.select({ status: videos.status }).from(videos).where(eq(videos.id, videoId));
  if (row?.status === "ready") return;
  await ctx.storage.delete(key).catch(() => {});
  throw new VideoGoneError("The video was deleted while it was being prepared.");
}

/** Poster and storyboard, from the (small, H.264) rendition rather than the 4K original. */
async function makeStills(ctx: MediaContext, video: Video, input: string, duration: number, dir: string) {
  const poster = path.join(dir, "poster.jpg");
  await makePoster(input, poster, duration);
  await ctx.storage.putFile(mediaKeys.poster(video.id), poster, "image/jpeg");

  const plan = storyboardPlan(duration);
  const sprite = path.join(dir, "storyboard.jpg");
  await makeStoryboardImage(input, sprite, plan);
  await ctx.storage.putFile(mediaKeys.storyboardImage(video.id), sprite, "image/jpeg");
  const vtt = path.join(dir, "storyboard.vtt");
  // Relative to the VTT's own key, as players resolve it.
  await writeFile(vtt, storyboardVtt(plan, duration, "storyboard.jpg"));
  await ctx.storage.putFile(mediaKeys.storyboardVtt(video.id), vtt, "text/vtt");

  await ctx.db
    .update(videos)
    .set({
      posterKey: mediaKeys.poster(video.id),
      storyboard: {
        imageKey: mediaKeys.storyboardImage(video.id),
        vttKey: mediaKeys.storyboardVtt(video.id),
        interval: plan.interval,
        tiles: plan.tiles,
        columns: plan.columns,
        tileWidth: plan.tileWidth,
        tileHeight: plan.tileHeight,
      },
    })
    .where(eq(videos.id, video.id));
  video.posterKey = mediaKeys.poster(video.id);
}

/** The phone version exists: record when, and send the share emails now. */
export async function markPlayable(ctx: MediaContext, job: MediaJob, videoId: string) {
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(mediaJobs)
      .set({ playableAt: now })
      .where(and(eq(mediaJobs.id, job.id), sql`${mediaJobs.playableAt} is null`))
      .returning({ id: mediaJobs.id });
    if (row) await releaseShareEmails(tx, videoId, now);
  });
  await ctx.onPlayable?.(videoId).catch((err) => console.error("[apexshare] after playable", err));
}

/** The trainer's "retry" on a failed job (never on a refused file): back to the queue with fresh attempts. */
export async function retryMediaJob(db: Database, trainerId: string, videoId: string, now: Date): Promise<boolean> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(videoId)) return false;
  const owned = db
    .select({ id: videos.id })
    .from(videos)
    .where(and(eq(videos.id, videoId), eq(videos.trainerId, trainerId), eq(videos.status, "ready")));
  const rows = await db
    .update(mediaJobs)
    .set({ status: "queued", attempts: 0, runAfter: now, lastError: null, lockedUntil: null, finishedAt: null })
    .where(
      and(eq(mediaJobs.videoId, videoId), inArray(mediaJobs.videoId, owned), eq(mediaJobs.status, "failed"), eq(mediaJobs.refused, false)),
    )
    .returning({ id: mediaJobs.id });
  return rows.length > 0;
}

/** Jobs of these videos, for the trainer's dashboard (the caller has already scoped the ids to the trainer). */
export async function mediaJobsFor(db: Database, videoIds: string[]): Promise<Map<string, MediaJob>> {
  if (videoIds.length === 0) return new Map();
  const rows = await db.select().from(mediaJobs).where(inArray(mediaJobs.videoId, videoIds));
  return new Map(rows.map((j) => [j.videoId, j]));
}
