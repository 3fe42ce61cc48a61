// The server side of a direct-to-S3 multipart upload: create, sign parts,
// record parts in the ledger, complete from the ledger, abort. Every function
// takes the signed-in trainer and only ever touches that trainer's videos:
// another trainer's video id gets the same 404 as a missing one.
import { and, asc, eq, isNotNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { mediaJobs, uploadParts, users, videos, type Video } from "@/db/schema";
import { audit } from "@/lib/audit";
import { recordingChapters, recordingComplete } from "@/lib/media/chapters";
import { EMAIL_WAIT_MS, enqueueMediaJob } from "@/lib/media/jobs";
import { mediaSettings } from "@/lib/media/settings";
import { NOT_A_VIDEO_MESSAGE, sniffContainer } from "@/lib/media/sniff";
import type { AppContext } from "@/lib/context";
import { ApiError, parseInput } from "@/lib/http";
import { enforce, POLICIES } from "@/lib/rate-limit";
import { createShareWithEmail } from "@/lib/shares/create";
import { addDays } from "@/lib/time";
import { deleteVideoObjects, ownedVideo, videoKeys } from "@/lib/videos";
import {
  createUploadSchema,
  extensionOf,
  partCountFor,
  partLength,
  partSizeFor,
  recordPartsSchema,
  signPartsSchema,
  thumbnailSchema,
  titleFromFileName,
  videoContentType,
} from "./rules";

export interface Trainer {
  id: string;
  email: string;
  name: string | null;
}

export interface UploadState {
  videoId: string;
  partSize: number;
  partCount: number;
  status: Video["status"];
  /** Parts already stored: the client sends only the others. */
  uploadedParts: { partNumber: number; size: number; etag: string }[];
  resumed: boolean;
}

async function uploadingVideo(db: Database, trainerId: string, videoId: string) {
  const video = await ownedVideo(db, trainerId, videoId);
  if (video.status !== "uploading" || !video.s3UploadId)
    throw new ApiError(409, video.status === "ready" ? "This upload is already complete." : "This upload can no longer take parts.");
  return video as Video & { s3UploadId: string };
}

async function ledger(db: Database, videoId: string) {
  return db
    .select({ partNumber: uploadParts.partNumber, size: uploadParts.sizeBytes, etag: uploadParts.etag })
    .from(uploadParts)
    .where(and(eq(uploadParts.videoId, videoId), isNotNull(uploadParts.etag)))
    .orderBy(asc(uploadParts.partNumber)) as Promise<{ partNumber: number; size: number; etag: string }[]>;
}

export async function createUpload(ctx: AppContext, trainer: Trainer, body: unknown): Promise<UploadState> {
  const input = parseInput(createUploadSchema(ctx.config.uploads.maxBytes), body);
  const { db, storage } = ctx;
  const contentType = videoContentType(input.fileName, input.contentType)!;
  const meta = {
    title: input.title || titleFromFileName(input.fileName),
    sessionDate: input.sessionDate,
    notes: input.notes,
    recipients: input.students,
    shareExpiryDays: input.shareExpiryDays,
  };

  // The same file again (after a reload or a browser restart): resume it.
  if (input.fingerprint) {
    const [existing] = await db
      .select()
      .from(videos)
      .where(
        and(
          eq(videos.trainerId, trainer.id),
          eq(videos.fileFingerprint, input.fingerprint),
          eq(videos.sizeBytes, input.size),
          eq(videos.status, "uploading"),
        ),
      )
      .limit(1);
    if (existing) {
      await db.update(videos).set(meta).where(eq(videos.id, existing.id));
      return {
        videoId: existing.id,
        partSize: existing.partSizeBytes,
        partCount: existing.partCount,
        status: existing.status,
        uploadedParts: await ledger(db, existing.id),
        resumed: true,
      };
    }
  }

  // Only a valid request for a new upload spends the quota (not a 400, not a resume).
  await enforce(ctx.db, POLICIES.uploadsPerTrainer, trainer.id);
  const partSize = partSizeFor(input.size, ctx.config.uploads.minPartBytes);
  const partCount = partCountFor(input.size, partSize);
  const id = crypto.randomUUID();
  const objectKey = videoKeys.original(id, extensionOf(input.fileName));
  // S3 first: if it fails, nothing was written here.
  const s3UploadId = await storage.createMultipart(objectKey, contentType);
  try {
    await db.insert(videos).values({
      id,
      trainerId: trainer.id,
      originalFileName: input.fileName,
      sizeBytes: input.size,
      contentType,
      objectKey,
      s3UploadId,
      partSizeBytes: partSize,
      partCount,
      fileFingerprint: input.fingerprint ?? null,
      ...(input.recording ?? {}),
      ...meta,
    });
  } catch (err) {
    await storage.abortMultipart(objectKey, s3UploadId).catch(() => {});
    throw err;
  }
  await audit(db, {
    actorId: trainer.id,
    action: "upload.created",
    subjectType: "video",
    subjectId: id,
    details: { fileName: input.fileName, size: input.size },
  });
  return { videoId: id, partSize, partCount, status: "uploading", uploadedParts: [], resumed: false };
}

export async function signParts(ctx: AppContext, trainer: Trainer, videoId: string, body: unknown) {
  const { partNumbers } = parseInput(signPartsSchema, body);
  const video = await uploadingVideo(ctx.db, trainer.id, videoId);
  const out = partNumbers.find((n) => n > video.partCount);
  if (out) throw new ApiError(400, `Part ${out} is out of range: this upload has parts 1–${video.partCount}.`);
  const unique = [...new Set(partNumbers)];
  await ctx.db
    .insert(uploadParts)
    .values(unique.map((partNumber) => ({ videoId, partNumber })))
    .onConflictDoNothing();
  const ttl = ctx.config.uploads.partUrlTtlSeconds;
  const now = ctx.now();
  const parts = await Promise.all(
    unique.map(async (partNumber) => ({
      partNumber,
      url: await ctx.storage.presignPart(video.objectKey, video.s3UploadId, partNumber, ttl),
    })),
  );
  return { parts, expiresAt: new Date(now.getTime() + ttl * 1000).toISOString() };
}

/** Records a batch of stored parts in one request: one lookup, one statement. */
export async function recordParts(ctx: AppContext, trainer: Trainer, videoId: string, body: unknown) {
  const { parts } = parseInput(recordPartsSchema, body);
  const video = await uploadingVideo(ctx.db, trainer.id, videoId);
  for (const p of parts) {
    if (p.partNumber > video.partCount)
      throw new ApiError(400, `Part ${p.partNumber} is out of range: this upload has parts 1–${video.partCount}.`);
    const expected = partLength(video.sizeBytes, video.partSizeBytes, p.partNumber);
    if (p.size !== expected) throw new ApiError(400, `Part ${p.partNumber} should be ${expected} bytes, not ${p.size}.`);
  }
  const now = ctx.now();
  // Only parts we signed can be recorded: the update touches ledger rows that exist.
  const updated = await ctx.db.transaction(async (tx) => {
    const rows = [];
    for (const p of parts) {
      const [row] = await tx
        .update(uploadParts)
        .set({ etag: p.etag, sizeBytes: p.size, uploadedAt: now })
        .where(and(eq(uploadParts.videoId, videoId), eq(uploadParts.partNumber, p.partNumber)))
        .returning({ partNumber: uploadParts.partNumber });
      if (!row) throw new ApiError(409, `Part ${p.partNumber} was never signed for this upload.`);
      rows.push(row);
    }
    return rows;
  });
  return { recorded: updated.length };
}

export async function completeUpload(ctx: AppContext, trainer: Trainer, videoId: string, opts: { mediaEngine?: string } = {}) {
  const { db, storage } = ctx;
  const video = await ownedVideo(db, trainer.id, videoId);
  if (video.status === "ready") return { video, alreadyComplete: true };
  if (video.status !== "uploading" || !video.s3UploadId) throw new ApiError(409, "This upload failed and cannot be completed.");

  const parts = await ledger(db, videoId);
  const have = new Set(parts.map((p) => p.partNumber));
  const missing: number[] = [];
  for (let n = 1; n <= video.partCount; n++) if (!have.has(n)) missing.push(n);
  if (missing.length)
    throw new ApiError(
      409,
      `${missing.length} of ${video.partCount} parts are not uploaded yet (${missing.slice(0, 10).join(", ")}${missing.length > 10 ? ", …" : ""}).`,
    );

  try {
    await storage.completeMultipart(video.objectKey, video.s3UploadId, parts);
  } catch (err) {
    // Completed by an earlier call whose answer was lost? Then the object is there.
    const stored = await storage.headSize(video.objectKey).catch(() => null);
    if (stored !== video.sizeBytes) {
      console.warn("[apexshare] complete failed", videoId, err);
      if ((err as { name?: string }).name === "InvalidPart") {
        // S3 does not hold a part the ledger says it does (wrong ETag): forget the ledger so every part is sent again.
        await db.delete(uploadParts).where(eq(uploadParts.videoId, videoId));
        throw new ApiError(409, "Storage rejected some parts; choose the file again to re-send them.");
      }
      throw new ApiError(409, "Storage could not assemble the file yet. The upload is kept and can be resumed.");
    }
  }

  const stored = await storage.headSize(video.objectKey);
  if (stored !== video.sizeBytes) {
    await db.update(videos).set({ status: "failed" }).where(eq(videos.id, videoId));
    throw new ApiError(409, `The stored file is ${stored ?? 0} bytes but ${video.sizeBytes} were expected. Please upload it again.`);
  }

  // Refuse what is not a video container before any student is named in a share (one 64-byte read).
  const head = await storage.readHead(video.objectKey, 64);
  if (!sniffContainer(head)) {
    await db
      .update(videos)
      .set({ status: "failed", s3UploadId: null })
      .where(and(eq(videos.id, videoId), eq(videos.status, "uploading")));
    await storage.delete(video.objectKey).catch(() => {});
    // The dashboard shows why, as for a file the media job refuses.
    await db
      .insert(mediaJobs)
      .values({
        videoId,
        status: "failed",
        refused: true,
        lastError: `${video.originalFileName} ${NOT_A_VIDEO_MESSAGE}`,
        finishedAt: ctx.now(),
      })
      .onConflictDoNothing();
    await audit(db, {
      actorId: trainer.id,
      action: "upload.refused",
      subjectType: "video",
      subjectId: videoId,
      details: { reason: "not a video container" },
    });
    throw new ApiError(422, `${video.originalFileName} ${NOT_A_VIDEO_MESSAGE}`);
  }

  const now = ctx.now();
  const atCompletion = { ...ctx, now: () => now }; // links count from the same instant the video does
  // The emails wait for the phone rendition (the media job releases them), 5 minutes at most.
  const emailNotBefore = new Date(now.getTime() + EMAIL_WAIT_MS);
  const mediaEngine = opts.mediaEngine ?? mediaSettings().engine;
  const [trainerRow] = await db.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, trainer.id));
  const result = await db.transaction(async (tx) => {
    // Chapters of one recording: lock them all first (in chapter order), so the last
    // two chapters completing at once agree on which one shares the recording.
    await recordingChapters(tx, video, { lock: true });
    const [ready] = await tx
      .update(videos)
      .set({ status: "ready", s3UploadId: null, completedAt: now, expiresAt: addDays(now, ctx.config.retentionDays) })
      .where(and(eq(videos.id, videoId), eq(videos.status, "uploading")))
      .returning();
    if (!ready) return null; // a concurrent completion won
    // A single video is shared now; a recording when its last chapter arrives, as chapter 1.
    const chapters = await recordingChapters(tx, ready);
    const primary = recordingComplete(chapters) ? chapters[0] : null;
    if (primary) {
      for (const student of primary.recipients) {
        const share = await createShareWithEmail(tx, atCompletion, primary, trainerRow, student, emailNotBefore);
        await audit(tx, {
          actorId: trainer.id,
          action: "share.created",
          subjectType: "share",
          subjectId: share.id,
          details: { videoId: primary.id, email: student.email },
        });
      }
      await enqueueMediaJob(tx, primary.id, now, mediaEngine);
    }
    await audit(tx, { actorId: trainer.id, action: "upload.completed", subjectType: "video", subjectId: videoId });
    await tx.delete(uploadParts).where(eq(uploadParts.videoId, videoId));
    return ready;
  });
  if (!result) return { video: await ownedVideo(db, trainer.id, videoId), alreadyComplete: true };
  return { video: result, alreadyComplete: false };
}

/** Discard an unfinished upload: the S3 multipart upload, any thumbnail, and the row. */
export async function abortUpload(ctx: AppContext, trainer: Trainer, videoId: string) {
  const video = await ownedVideo(ctx.db, trainer.id, videoId);
  if (video.status !== "uploading") throw new ApiError(409, "This upload is finished; delete the video instead.");
  // Claim the row first: a completion racing this abort then finds nothing to
  // mark ready, so no student is ever emailed a link to a discarded video.
  const [gone] = await ctx.db
    .delete(videos)
    .where(and(eq(videos.id, videoId), eq(videos.trainerId, trainer.id), eq(videos.status, "uploading")))
    .returning();
  if (!gone) throw new ApiError(409, "This upload is finished; delete the video instead.");
  // Best effort past the multipart abort: if a racing completion already assembled the object, do not leave it behind.
  await deleteVideoObjects(ctx.storage, gone, { bestEffort: true });
  await audit(ctx.db, { actorId: trainer.id, action: "upload.aborted", subjectType: "video", subjectId: videoId });
  return { aborted: true };
}

/** A presigned PUT for the small JPEG the browser drew from the video. */
export async function signThumbnail(ctx: AppContext, trainer: Trainer, videoId: string, body: unknown) {
  const { durationSeconds } = parseInput(thumbnailSchema, body);
  const video = await ownedVideo(ctx.db, trainer.id, videoId);
  const key = videoKeys.thumbnail(video.id);
  await ctx.db
    .update(videos)
    .set({ thumbnailKey: key, durationSeconds: durationSeconds ?? video.durationSeconds })
    .where(eq(videos.id, video.id));
  return { url: await ctx.storage.presignPut(key, 300, "image/jpeg") };
}
