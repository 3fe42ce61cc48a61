// The whole product's data model. Later features add columns, not redesigns.

import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const userRole = pgEnum("user_role", ["trainer", "student", "admin"]);
export const videoStatus = pgEnum("video_status", ["uploading", "ready", "failed", "deleted"]);
export const shareEventKind = pgEnum("share_event_kind", ["view", "play", "download"]);
export const outboxStatus = pgEnum("outbox_status", ["queued", "sending", "sent", "failed"]);
export const suppressionReason = pgEnum("suppression_reason", ["bounce", "complaint"]);
export const mediaJobStatus = pgEnum("media_job_status", ["queued", "running", "ready", "failed"]);

// ── People and Auth.js ──────────────────────────────────────────────────────

export const users = pgTable("users", {
  id: text("id")
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID()),
  name: text("name"),
  email: text("email").notNull().unique(),
  emailVerified: ts("email_verified"),
  image: text("image"),
  role: userRole("role").notNull().default("student"),
  // scrypt hash ("scrypt$N$r$p$salt$hash"); null for magic-link-only accounts.
  passwordHash: text("password_hash"),
  // In every session cookie; bumping it signs the user out everywhere (sign-out-all, password or role change, deactivation).
  sessionVersion: integer("session_version").notNull().default(0),
  // A deactivated account cannot sign in and its sessions stop working.
  deactivatedAt: ts("deactivated_at"),
  createdAt: ts("created_at").notNull().defaultNow(),
});

export const accounts = pgTable(
  "accounts",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    provider: text("provider").notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    refresh_token: text("refresh_token"),
    access_token: text("access_token"),
    expires_at: integer("expires_at"),
    token_type: text("token_type"),
    scope: text("scope"),
    id_token: text("id_token"),
    session_state: text("session_state"),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] })],
);

export const sessions = pgTable("sessions", {
  sessionToken: text("session_token").primaryKey(),
  userId: text("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  expires: ts("expires").notNull(),
});

export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: text("identifier").notNull(),
    // Auth.js stores a SHA-256 of the magic-link token here, never the token itself.
    token: text("token").notNull(),
    expires: ts("expires").notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

// ── Videos and their upload ─────────────────────────────────────────────────

export const videos = pgTable(
  "videos",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    trainerId: text("trainer_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    originalFileName: text("original_file_name").notNull(),
    sizeBytes: bigint("size_bytes", { mode: "number" }).notNull(),
    contentType: text("content_type").notNull(),
    objectKey: text("object_key").notNull().unique(),
    status: videoStatus("status").notNull().default("uploading"),
    // S3 multipart upload id while status = uploading.
    s3UploadId: text("s3_upload_id"),
    partSizeBytes: integer("part_size_bytes").notNull(),
    partCount: integer("part_count").notNull(),
    // Lets a re-selected file be recognised after a browser restart: name|size|lastModified|head+tail hash.
    fileFingerprint: text("file_fingerprint"),
    sessionDate: date("session_date", { mode: "string" }).notNull(),
    notes: text("notes").notNull().default(""),
    durationSeconds: real("duration_seconds"),
    thumbnailKey: text("thumbnail_key"),
    // Students named at upload time; their shares are created when the upload completes.
    recipients: jsonb("recipients").$type<{ email: string; name: string | null }[]>().notNull().default([]),
    // How long each student's personal link lives (days), chosen per upload.
    shareExpiryDays: integer("share_expiry_days").notNull().default(14),
    createdAt: ts("created_at").notNull().defaultNow(),
    completedAt: ts("completed_at"),
    // When retention deletes the video; set on completion.
    expiresAt: ts("expires_at"),
    // What the media job read from the original (lib/media) and what it made from it.
    probe: jsonb("probe").$type<VideoProbe>(),
    renditions: jsonb("renditions").$type<VideoRendition[]>().notNull().default([]),
    posterKey: text("poster_key"),
    storyboard: jsonb("storyboard").$type<VideoStoryboard>(),
    // GoPro chapters uploaded as one video: each chapter is a row with the same
    // recording key; chapter 1 carries the shares, renditions and media job.
    recordingKey: uuid("recording_key"),
    chapter: integer("chapter").notNull().default(1),
    chapterCount: integer("chapter_count").notNull().default(1),
  },
  (t) => [
    index("videos_recording_idx").on(t.trainerId, t.recordingKey, t.chapter),
    index("videos_trainer_idx").on(t.trainerId, t.createdAt),
    index("videos_status_idx").on(t.status),
    index("videos_fingerprint_idx").on(t.trainerId, t.fileFingerprint),
  ],
);

// The part ledger: a row appears when a part URL is signed (etag null) and gets
// its ETag and size when the browser reports the part stored. Completion and
// resume read this, never S3 ListParts.
export const uploadParts = pgTable(
  "upload_parts",
  {
    videoId: uuid("video_id")
      .notNull()
      .references(() => videos.id, { onDelete: "cascade" }),
    partNumber: integer("part_number").notNull(),
    etag: text("etag"),
    sizeBytes: integer("size_bytes"),
    createdAt: ts("created_at").notNull().defaultNow(),
    uploadedAt: ts("uploaded_at"),
  },
  (t) => [primaryKey({ columns: [t.videoId, t.partNumber] })],
);

// The media job of a video (lib/media): probe, renditions, poster, storyboard.
// Claimed with FOR UPDATE SKIP LOCKED and a lease; a crashed worker's lease runs
// out and the job is picked up again; failures retry with backoff.
export const mediaJobs = pgTable(
  "media_jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    videoId: uuid("video_id")
      .notNull()
      .unique()
      .references(() => videos.id, { onDelete: "cascade" }),
    engine: text("engine").notNull().default("ffmpeg"),
    status: mediaJobStatus("status").notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    runAfter: ts("run_after").notNull().defaultNow(),
    lockedUntil: ts("locked_until"),
    // The engine's own id (a MediaConvert job id).
    externalId: text("external_id"),
    lastError: text("last_error"),
    // Not a decodable video: never retried, never emailed.
    refused: boolean("refused").notNull().default(false),
    createdAt: ts("created_at").notNull().defaultNow(),
    startedAt: ts("started_at"),
    // When the first (phone) rendition was stored: the share emails go then.
    playableAt: ts("playable_at"),
    finishedAt: ts("finished_at"),
  },
  (t) => [index("media_jobs_due_idx").on(t.status, t.runAfter), index("media_jobs_external_idx").on(t.externalId)],
);

// ── Sharing with students ───────────────────────────────────────────────────

export const shares = pgTable(
  "shares",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    videoId: uuid("video_id")
      .notNull()
      .references(() => videos.id, { onDelete: "cascade" }),
    recipientEmail: text("recipient_email").notNull(),
    recipientName: text("recipient_name"),
    // SHA-256 (hex) of the 256-bit token in the student's link.
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: ts("expires_at").notNull(),
    revokedAt: ts("revoked_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("shares_video_recipient_uq").on(t.videoId, t.recipientEmail), index("shares_recipient_idx").on(t.recipientEmail)],
);

export const shareEvents = pgTable(
  "share_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    shareId: uuid("share_id")
      .notNull()
      .references(() => shares.id, { onDelete: "cascade" }),
    kind: shareEventKind("kind").notNull(),
    at: ts("at").notNull().defaultNow(),
  },
  (t) => [index("share_events_share_idx").on(t.shareId, t.kind)],
);

// ── Email ───────────────────────────────────────────────────────────────────

export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    recipient: text("recipient").notNull(),
    template: text("template").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    status: outboxStatus("status").notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: ts("next_attempt_at").notNull().defaultNow(),
    // A claimed message is leased; a crashed sender's lease runs out and it is retried.
    lockedUntil: ts("locked_until"),
    lastError: text("last_error"),
    providerMessageId: text("provider_message_id"),
    shareId: uuid("share_id").references(() => shares.id, { onDelete: "set null" }),
    createdAt: ts("created_at").notNull().defaultNow(),
    sentAt: ts("sent_at"),
  },
  (t) => [index("email_outbox_due_idx").on(t.status, t.nextAttemptAt), index("email_outbox_share_idx").on(t.shareId)],
);

// Addresses SES reported as bounced or complained: we stop emailing them.
export const emailSuppressions = pgTable("email_suppressions", {
  email: text("email").primaryKey(),
  reason: suppressionReason("reason").notNull(),
  at: ts("at").notNull().defaultNow(),
});

// The local "inbox" of the dev transport; never used in production.
export const devMailbox = pgTable("dev_mailbox", {
  id: uuid("id").primaryKey().defaultRandom(),
  outboxId: uuid("outbox_id").unique(),
  to: text("to").notNull(),
  from: text("from").notNull(),
  replyTo: text("reply_to"),
  subject: text("subject").notNull(),
  text: text("text").notNull(),
  html: text("html").notNull(),
  receivedAt: ts("received_at").notNull().defaultNow(),
});

// ── Abuse control and audit ────────────────────────────────────────────────

// Fixed-window counters, shared by every server instance through Postgres.
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text("key").notNull(),
    windowStart: ts("window_start").notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    actorId: text("actor_id"),
    action: text("action").notNull(),
    subjectType: text("subject_type"),
    subjectId: text("subject_id"),
    details: jsonb("details").$type<Record<string, unknown>>(),
    at: ts("at").notNull().defaultNow(),
  },
  (t) => [index("audit_log_at_idx").on(t.at)],
);

// JSON the media job records on a video (lib/media writes them).
export interface VideoProbe {
  container: string;
  durationSeconds: number;
  video: {
    codec: string;
    profile: string | null;
    width: number;
    height: number;
    fps: number;
    rotation: number;
    pixelFormat: string | null;
  };
  audio: { codec: string; channels: number; sampleRate: number } | null;
  /** GoPro's GPMF telemetry track (GPS, accelerometer…), for later features. */
  gpmf: boolean;
  /** HiLight marks (seconds); null = not read. */
  hilights: number[] | null;
  bitrate: number | null;
}
export interface VideoRendition {
  name: "720p" | "1080p";
  key: string;
  width: number;
  height: number;
  bytes: number;
}
export interface VideoStoryboard {
  imageKey: string;
  vttKey: string;
  interval: number;
  tiles: number;
  columns: number;
  tileWidth: number;
  tileHeight: number;
}

export type User = typeof users.$inferSelect;
export type MediaJob = typeof mediaJobs.$inferSelect;
export type Video = typeof videos.$inferSelect;
export type NewVideo = typeof videos.$inferInsert;
export type UploadPart = typeof uploadParts.$inferSelect;
export type Share = typeof shares.$inferSelect;
export type ShareEvent = typeof shareEvents.$inferSelect;
export type OutboxMessage = typeof emailOutbox.$inferSelect;
export type DevMailboxMessage = typeof devMailbox.$inferSelect;
export type Role = (typeof userRole.enumValues)[number];
