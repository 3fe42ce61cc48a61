// The server side of a direct-to-S3 multipart upload: create, sign parts,
// record parts in the ledger, complete from the ledger, abort. Every function
// takes the signed-in trainer and only ever touches that trainer's videos:
// another trainer's video id gets the same 404 as a missing one.
import { and, asc, eq, getTableColumns, isNotNull, sql } from "drizzle-orm";
import type { Database, Tx } from "@/db/client";
import { mediaJobs, ridingSessions, schools, uploadParts, videos, type Video } from "@/db/schema";
import { audit, auditRowsOf } from "@/lib/audit";
import { recordingChapters, recordingComplete } from "@/lib/media/chapters";
import { enqueueMediaJob } from "@/lib/media/jobs";
import { mediaSettings } from "@/lib/media/settings";
import { NOT_A_VIDEO_MESSAGE, sniffContainer } from "@/lib/media/sniff";
import type { AppContext } from "@/lib/context";
import { ApiError, parseInput } from "@/lib/http";
import { liveTrainerSession, liveTrainerSessionParams, type ClaimedSession } from "@/lib/auth/session-version";
import { preparedStatement } from "@/lib/database/prepared";
import { enforce, POLICIES } from "@/lib/rate-limit";
import { announceIn, announceSession, createSession, NO_SUCH_SESSION, ownedSession } from "@/lib/riding-sessions";
import { schoolRules } from "@/lib/schools";
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
  THUMBNAIL_MAX_BYTES,
  thumbnailSchema,
  titleFromFileName,
  type UploadErrorCode,
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

/** A refusal the upload page words in the trainer's language (by `code`); `message` is the API's English. */
const refusal = (status: number, code: UploadErrorCode, message: string, values?: Record<string, string | number>) =>
  new ApiError(status, message, {}, { code, values });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An owned video still taking parts; else the 404 / 409 a trainer gets. */
function checkedUploading<V extends Pick<Video, "status" | "s3UploadId">>(video: V | undefined) {
  if (!video || video.status === "deleted") throw new ApiError(404, "No such upload.");
  if (video.status !== "uploading" || !video.s3UploadId)
    throw new ApiError(409, video.status === "ready" ? "This upload is already complete." : "This upload can no longer take parts.");
  return video as V & { s3UploadId: string };
}

/** The session of a recording whose earlier chapter was uploaded without one (each chapter is its own upload). */
async function recordingSession(db: Database, trainerId: string, recordingKey: string) {
  const [row] = await db
    .select({ sessionId: videos.sessionId })
    .from(videos)
    .where(and(eq(videos.trainerId, trainerId), eq(videos.recordingKey, recordingKey)))
    .limit(1);
  return row ? ownedSession(db, trainerId, row.sessionId) : null;
}

type NewUploadRow = Pick<
  Video,
  | "id"
  | "trainerId"
  | "title"
  | "originalFileName"
  | "sizeBytes"
  | "contentType"
  | "objectKey"
  | "s3UploadId"
  | "partSizeBytes"
  | "partCount"
  | "fileFingerprint"
  | "recordingKey"
  | "chapter"
  | "chapterCount"
>;

/**
 * The new upload's row and its audit entry, in one statement: the video goes into `sessionId` only if
 * that session is the trainer's (else no row comes back), after the session's other videos.
 * (It was 5 round trips: the session lookup, BEGIN, the last position, the insert, COMMIT — and the audit row.)
 */
function insertUpload(db: Database | Tx, row: NewUploadRow, sessionId: string) {
  const inserted = db.$with("inserted_video", { id: sql<string>`id`.as("id") }).as(
    sql`insert into ${videos} (id, trainer_id, session_id, position, title, original_file_name, size_bytes, content_type,
          object_key, s3_upload_id, part_size_bytes, part_count, file_fingerprint, recording_key, chapter, chapter_count)
        select ${row.id}::uuid, s.trainer_id, s.id,
          coalesce((select max(v.position) + 1 from ${videos} v where v.session_id = s.id), 0),
          ${row.title}::text, ${row.originalFileName}::text, ${row.sizeBytes}::bigint, ${row.contentType}::text,
          ${row.objectKey}::text, ${row.s3UploadId}::text, ${row.partSizeBytes}::int, ${row.partCount}::int,
          ${row.fileFingerprint}::text, ${row.recordingKey}::uuid, ${row.chapter}::int, ${row.chapterCount}::int
        from ${ridingSessions} s where s.id = ${sessionId}::uuid and s.trainer_id = ${row.trainerId}::text
        returning id`,
  );
  const logged = auditRowsOf(db, "upload_audit", {
    actorId: sql`${row.trainerId}::text`,
    action: "upload.created",
    subjectType: "video",
    from: "inserted_video",
    details: { fileName: row.originalFileName, size: row.sizeBytes },
  });
  return db.with(inserted, logged).select({ id: inserted.id }).from(inserted);
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
  const meta = { title: input.title || titleFromFileName(input.fileName) };

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
  // A recording's later chapter joins the session of its first (an API client may send no session for it).
  const joinedId =
    input.sessionId ?? (input.recording ? (await recordingSession(db, trainer.id, input.recording.recordingKey))?.id : undefined);
  if (joinedId !== undefined && !UUID.test(joinedId)) throw new ApiError(404, NO_SUCH_SESSION);
  // S3 first: if it fails, nothing was written here.
  const s3UploadId = await storage.createMultipart(objectKey, contentType);
  const row: NewUploadRow = {
    id,
    trainerId: trainer.id,
    title: meta.title,
    originalFileName: input.fileName,
    sizeBytes: input.size,
    contentType,
    objectKey,
    s3UploadId,
    partSizeBytes: partSize,
    partCount,
    fileFingerprint: input.fingerprint ?? null,
    recordingKey: input.recording?.recordingKey ?? null,
    chapter: input.recording?.chapter ?? 1,
    chapterCount: input.recording?.chapterCount ?? 1,
  };
  try {
    if (joinedId) {
      // Into the trainer's own session: one statement checks that it is theirs, places the video after the
      // session's others, and writes the audit row. It finds no session → 404 (the multipart is aborted below).
      const [inserted] = await insertUpload(db, row, joinedId);
      if (!inserted) throw new ApiError(404, NO_SUCH_SESSION);
    } else {
      // An upload made without a session (an API client, an older page) is its own session, announced on completion.
      await db.transaction(async (tx) => {
        const session = await createSession(
          ctx,
          trainer,
          {
            title: meta.title,
            sessionDate: input.sessionDate,
            notes: input.notes,
            students: input.students,
            shareExpiryDays: input.shareExpiryDays,
          },
          { tx },
        );
        await insertUpload(tx, row, session.id);
      });
    }
  } catch (err) {
    await storage.abortMultipart(objectKey, s3UploadId).catch(() => {});
    throw err;
  }
  return { videoId: id, partSize, partCount, status: "uploading", uploadedParts: [], resumed: false };
}

export async function signParts(ctx: AppContext, trainer: ClaimedSession, videoId: string, body: unknown) {
  const { partNumbers } = parseInput(signPartsSchema, body);
  if (!UUID.test(videoId)) throw new ApiError(404, "No such upload.");
  const unique = [...new Set(partNumbers)];
  const [found] = await signPartsStatement(ctx.db).execute({
    videoId,
    trainerId: trainer.id,
    parts: unique,
    maxPart: Math.max(...unique),
    ...liveTrainerSessionParams(trainer),
  });
  const video = checkedUploading(found);
  const out = partNumbers.find((n) => n > video.partCount);
  if (out) throw new ApiError(400, `Part ${out} is out of range: this upload has parts 1–${video.partCount}.`);
  const ttl = ctx.config.uploads.partUrlTtlSeconds;
  const now = ctx.now();
  const parts = await Promise.all(
    unique.map(async (partNumber) => ({
      partNumber,
      url: await ctx.storage.presignPart(video.objectKey, video.s3UploadId, partNumber, ttl, now),
    })),
  );
  return { parts, expiresAt: new Date(now.getTime() + ttl * 1000).toISOString() };
}

// One statement, prepared (lib/database/prepared): the trainer's session check (liveTrainerSession), the video
// (owned by this trainer) and the ledger rows for the parts asked for. The insert adds parts only to an upload
// still taking them, and none when one is out of range; the checks after it then answer 404 / 409 / 400 exactly
// as a separate lookup would. Only the columns signing needs are read.
const signPartsStatement = preparedStatement((db: Database) => {
  const videoId = sql.placeholder("videoId");
  const trainerId = sql.placeholder("trainerId");
  const ledgerRows = db.$with("signed_parts", { partNumber: sql<number>`part_number`.as("part_number") }).as(
    sql`insert into ${uploadParts} (video_id, part_number)
        select v.id, n from ${videos} v, unnest(${sql.placeholder("parts")}::int[]) as n
        where v.id = ${videoId} and v.trainer_id = ${trainerId} and v.status = 'uploading' and v.s3_upload_id is not null
          and ${sql.placeholder("maxPart")}::int <= v.part_count and ${liveTrainerSession}
        on conflict do nothing
        returning part_number`,
  );
  return db
    .with(ledgerRows)
    .select({ status: videos.status, s3UploadId: videos.s3UploadId, objectKey: videos.objectKey, partCount: videos.partCount })
    .from(videos)
    .where(and(eq(videos.id, videoId), eq(videos.trainerId, trainerId), liveTrainerSession))
    .prepare("sign_upload_parts");
});

// Recording a batch: two prepared statements (lib/database/prepared). First the upload, owned by this
// trainer and guarded by their session check (liveTrainerSession), with only the columns the checks need.
const recordLookupStatement = preparedStatement((db: Database) =>
  db
    .select({
      status: videos.status,
      s3UploadId: videos.s3UploadId,
      partCount: videos.partCount,
      sizeBytes: videos.sizeBytes,
      partSizeBytes: videos.partSizeBytes,
    })
    .from(videos)
    .where(and(eq(videos.id, sql.placeholder("videoId")), eq(videos.trainerId, sql.placeholder("trainerId")), liveTrainerSession))
    .prepare("upload_for_recording"),
);

// Then the batch. Only parts we signed can be recorded, and a batch is recorded whole or not at all: the
// update runs only when every part of it has a ledger row. One statement for the batch (a transaction of one
// update per part cost BEGIN + N + COMMIT round trips); the batch comes in as three arrays, so its shape
// does not depend on its length.
const recordBatchStatement = preparedStatement((db: Database) => {
  const videoId = sql.placeholder("videoId");
  const partNumbers = sql`${sql.placeholder("partNumbers")}::int[]`;
  // eslint-disable-next-line drizzle/enforce-update-with-where -- the rule does not see a .where() after .from(); it is there
  return db
    .update(uploadParts)
    .set({ etag: sql`batch.etag`, sizeBytes: sql`batch.size`, uploadedAt: sql`${sql.placeholder("now")}::timestamptz` })
    .from(
      sql`unnest(${partNumbers}, ${sql.placeholder("etags")}::text[], ${sql.placeholder("sizes")}::int[]) as batch(part_number, etag, size)`,
    )
    .where(
      and(
        eq(uploadParts.videoId, videoId),
        sql`${uploadParts.partNumber} = batch.part_number`,
        sql`(select count(*) from ${uploadParts} signed where signed.video_id = ${videoId} and signed.part_number = any(${partNumbers})) = ${sql.placeholder("count")}::int`,
      ),
    )
    .returning({ partNumber: uploadParts.partNumber })
    .prepare("record_upload_parts");
});

/** Records a batch of stored parts in one request: one lookup, one statement. */
export async function recordParts(ctx: AppContext, trainer: ClaimedSession, videoId: string, body: unknown) {
  const { parts } = parseInput(recordPartsSchema, body);
  if (!UUID.test(videoId)) throw new ApiError(404, "No such upload.");
  const [found] = await recordLookupStatement(ctx.db).execute({ videoId, trainerId: trainer.id, ...liveTrainerSessionParams(trainer) });
  const video = checkedUploading(found);
  for (const p of parts) {
    if (p.partNumber > video.partCount)
      throw new ApiError(400, `Part ${p.partNumber} is out of range: this upload has parts 1–${video.partCount}.`);
    const expected = partLength(video.sizeBytes, video.partSizeBytes, p.partNumber);
    if (p.size !== expected) throw new ApiError(400, `Part ${p.partNumber} should be ${expected} bytes, not ${p.size}.`);
  }
  const batch = [...new Map(parts.map((p) => [p.partNumber, p])).values()];
  const updated = await recordBatchStatement(ctx.db).execute({
    videoId,
    now: ctx.now().toISOString(),
    partNumbers: batch.map((p) => p.partNumber),
    etags: batch.map((p) => p.etag),
    sizes: batch.map((p) => p.size),
    count: batch.length,
  });
  if (updated.length < batch.length) {
    // The error path only: which part was it?
    const signed = new Set(
      (await ctx.db.select({ partNumber: uploadParts.partNumber }).from(uploadParts).where(eq(uploadParts.videoId, videoId))).map(
        (r) => r.partNumber,
      ),
    );
    const unsigned = batch.find((p) => !signed.has(p.partNumber)) ?? batch[0];
    throw new ApiError(409, `Part ${unsigned.partNumber} was never signed for this upload.`);
  }
  return { recorded: updated.length };
}

// Completing: the upload (owned by this trainer, guarded by their session check) with its ledger, in one
// prepared statement (it was the account check, the video and the ledger: three).
const completionLookupStatement = preparedStatement((db: Database) =>
  db
    .select({
      ...getTableColumns(videos),
      ledger: sql<{ partNumber: number; size: number; etag: string }[]>`coalesce((
        select json_agg(json_build_object('partNumber', p.part_number, 'size', p.size_bytes, 'etag', p.etag) order by p.part_number)
        from ${uploadParts} p where p.video_id = ${videos.id} and p.etag is not null), '[]'::json)`,
    })
    .from(videos)
    .where(and(eq(videos.id, sql.placeholder("videoId")), eq(videos.trainerId, sql.placeholder("trainerId")), liveTrainerSession))
    .prepare("upload_for_completion"),
);

export async function completeUpload(ctx: AppContext, trainer: ClaimedSession, videoId: string, opts: { mediaEngine?: string } = {}) {
  const { db, storage } = ctx;
  if (!UUID.test(videoId)) throw new ApiError(404, "No such upload.");
  const [found] = await completionLookupStatement(db).execute({ videoId, trainerId: trainer.id, ...liveTrainerSessionParams(trainer) });
  if (!found || found.status === "deleted") throw new ApiError(404, "No such upload.");
  const { ledger: parts, ...video } = found;
  if (video.status === "ready") return { video, alreadyComplete: true, emails: 0 };
  if (video.status !== "uploading" || !video.s3UploadId) throw new ApiError(409, "This upload failed and cannot be completed.");

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
        throw refusal(409, "partsRejected", "Storage rejected some parts; choose the file again to re-send them.");
      }
      throw refusal(409, "notAssembled", "Storage could not assemble the file yet. The upload is kept and can be resumed.");
    }
  }

  // Its size and its first bytes, from one ranged read.
  const { head, size: stored } = await storage.readHeadAndSize(video.objectKey, 64);
  if (stored !== video.sizeBytes) {
    await db.update(videos).set({ status: "failed" }).where(eq(videos.id, videoId));
    throw refusal(
      409,
      "sizeMismatch",
      `The stored file is ${stored ?? 0} bytes but ${video.sizeBytes} were expected. Please upload it again.`,
      {
        stored: stored ?? 0,
        expected: video.sizeBytes,
      },
    );
  }

  // Refuse what is not a video container before any student is named in a share.
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
    throw refusal(422, "notAVideo", `${video.originalFileName} ${NOT_A_VIDEO_MESSAGE}`, { file: video.originalFileName });
  }

  const now = ctx.now();
  const mediaEngine = opts.mediaEngine ?? mediaSettings().engine;
  if (!video.recordingKey) {
    // A video on its own: one statement (it was ten round trips).
    const [done] = await finishVideoStatement(db).execute({
      videoId,
      sessionId: video.sessionId,
      now: now.toISOString(),
      engine: mediaEngine,
      actorId: trainer.id,
      defaultRetentionDays: ctx.config.retentionDays,
      maxRetentionDays: ctx.config.maxRetentionDays,
    });
    if (!done) return { video: await ownedVideo(db, trainer.id, videoId), alreadyComplete: true, emails: 0 }; // a concurrent completion won
    // Its students hear about it once the upload action is over: now, for an upload made on its own. While
    // an action is open, announcing would find this video just completed and wait (lib/riding-sessions).
    const { emails } = done.uploadOpen ? { emails: 0 } : await announceSession({ ...ctx, now: () => now }, video.sessionId);
    const ready: Video = {
      ...video,
      status: "ready",
      s3UploadId: null,
      completedAt: now,
      expiresAt: addDays(now, done.retentionDays),
    };
    return { video: ready, alreadyComplete: false, emails };
  }
  const result = await db.transaction(async (tx) => {
    // A chapter of a recording. The session first, then the chapters of the recording (in chapter order),
    // so the last two chapters completing at once agree on which one is whole, and announcers queue up.
    const [school] = await tx
      .select({ retentionDays: schools.retentionDays, shareExpiryDays: schools.shareExpiryDays })
      .from(ridingSessions)
      .leftJoin(schools, eq(schools.id, ridingSessions.schoolId))
      .where(eq(ridingSessions.id, video.sessionId))
      .for("update", { of: ridingSessions });
    // The school keeps its videos as long as it chose, within the instance's limit.
    const { retentionDays } = schoolRules(school ?? null, ctx.config);
    await recordingChapters(tx, video, { lock: true });
    const [ready] = await tx
      .update(videos)
      .set({ status: "ready", s3UploadId: null, completedAt: now, expiresAt: addDays(now, retentionDays) })
      .where(and(eq(videos.id, videoId), eq(videos.status, "uploading")))
      .returning();
    if (!ready) return null; // a concurrent completion won
    // The recording gets its media job when its last chapter arrives, as chapter 1.
    const chapters = await recordingChapters(tx, ready);
    if (recordingComplete(chapters)) await enqueueMediaJob(tx, chapters[0].id, now, mediaEngine);
    await audit(tx, { actorId: trainer.id, action: "upload.completed", subjectType: "video", subjectId: videoId });
    await tx.delete(uploadParts).where(eq(uploadParts.videoId, videoId));
    // The students hear about it once the upload action is over (at once for an upload on its own).
    const { emails } = await announceIn(tx, { ...ctx, now: () => now }, ready.sessionId);
    return { ready, emails };
  });
  if (!result) return { video: await ownedVideo(db, trainer.id, videoId), alreadyComplete: true, emails: 0 };
  return { video: result.ready, alreadyComplete: false, emails: result.emails };
}

// Completing a video on its own, in one prepared statement: lock its session (announcers queue up behind it,
// as in announceIn), mark the video ready with the school's retention (capped by the instance's), queue its
// media job, write the audit row and drop its part ledger. No row: a concurrent completion won.
const finishVideoStatement = preparedStatement((db: Database) => {
  const now = sql`${sql.placeholder("now")}::timestamptz`;
  const locked = db
    .$with("finished_session", {
      uploadOpen: sql<boolean>`upload_open`.as("upload_open"),
      retentionDays: sql<number>`retention_days`.as("retention_days"),
    })
    .as(
      sql`select s.upload_opened_at is not null as upload_open,
            least(coalesce(sc.retention_days, ${sql.placeholder("defaultRetentionDays")}::int), ${sql.placeholder("maxRetentionDays")}::int) as retention_days
          from ${ridingSessions} s left join ${schools} sc on sc.id = s.school_id
          where s.id = ${sql.placeholder("sessionId")}::uuid
          for update of s`,
    );
  const ready = db.$with("ready_video", { id: sql<string>`id`.as("id") }).as(
    sql`update ${videos} set status = 'ready', s3_upload_id = null, completed_at = ${now},
          expires_at = ${now} + make_interval(secs => finished_session.retention_days * 86400)
        from finished_session
        where ${videos.id} = ${sql.placeholder("videoId")}::uuid and ${videos.status} = 'uploading'
        returning ${videos.id}`,
  );
  const job = db.$with("queued_job", { id: sql<string>`video_id`.as("video_id") }).as(
    sql`insert into ${mediaJobs} (video_id, engine, run_after)
        select id, ${sql.placeholder("engine")}::text, ${now} from ready_video
        on conflict do nothing returning video_id`,
  );
  const logged = auditRowsOf(db, "completion_audit", {
    actorId: sql`${sql.placeholder("actorId")}::text`,
    action: "upload.completed",
    subjectType: "video",
    from: "ready_video",
  });
  const cleared = db
    .$with("cleared_ledger", { id: sql<string>`video_id`.as("video_id") })
    .as(sql`delete from ${uploadParts} where video_id in (select id from ready_video) returning video_id`);
  return db
    .with(locked, ready, job, logged, cleared)
    .select({ id: ready.id, uploadOpen: locked.uploadOpen, retentionDays: locked.retentionDays })
    .from(ready)
    .crossJoin(locked)
    .prepare("finish_video");
});

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
  // The session's other videos no longer wait for this one.
  await announceSession(ctx, gone.sessionId);
  return { aborted: true };
}

/**
 * A presigned POST for the small JPEG the browser drew from the video. Its policy, which S3
 * enforces, fixes the key, `Content-Type: image/jpeg` and 1…THUMBNAIL_MAX_BYTES bytes: a trainer
 * cannot store an HTML page or a large file under our bucket's name (a PUT URL bound neither).
 */
export async function signThumbnail(ctx: AppContext, trainer: Trainer, videoId: string, body: unknown) {
  const { durationSeconds } = parseInput(thumbnailSchema, body);
  const video = await ownedVideo(ctx.db, trainer.id, videoId);
  const key = videoKeys.thumbnail(video.id);
  await ctx.db
    .update(videos)
    .set({ thumbnailKey: key, durationSeconds: durationSeconds ?? video.durationSeconds })
    .where(eq(videos.id, video.id));
  return { upload: await ctx.storage.presignPost(key, { contentType: "image/jpeg", maxBytes: THUMBNAIL_MAX_BYTES, expiresIn: 300 }) };
}
