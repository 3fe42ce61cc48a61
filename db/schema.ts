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

// ── Schools (tenants) ───────────────────────────────────────────────────────

// A motorcycle school: its trainers, its roster and every riding session belong to
// exactly one school (lib/schools). A single-school install has one, made on first use.
export const schools = pgTable("schools", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  // The language a student reads when neither the roster nor their browser says ("en", "nl", "fr").
  defaultLanguage: text("default_language").notNull().default("en"),
  // Replies to the school's emails go here; the From stays the verified sender.
  replyTo: text("reply_to"),
  // The school's logo in the bucket (schools/<id>/logo-…), shown on the share email and the student page.
  logoKey: text("logo_key"),
  // Within the instance's limits (lib/config); null: the instance's default.
  retentionDays: integer("retention_days"),
  shareExpiryDays: integer("share_expiry_days"),
  createdAt: ts("created_at").notNull().defaultNow(),
});

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
  // A trainer who turned the daily digest email off.
  digestOptOut: boolean("digest_opt_out").notNull().default(false),
  // The language this person picked for the app ("en", "nl", "fr"); null: follow the browser.
  language: text("language"),
  // The school a trainer works for (null for students, who may be on several schools' rosters).
  schoolId: uuid("school_id").references(() => schools.id, { onDelete: "restrict" }),
  // A school admin invites and deactivates the school's trainers and sets its rules.
  schoolAdmin: boolean("school_admin").notNull().default(false),
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

// ── Riding sessions (named so they never meet Auth.js's `sessions`) ─────────

// What a trainer works with after a day on track: a date, a title, notes, the
// students (their shares) and the videos, in order. One upload action creates
// or adds to a session; each student gets one email per action.
export const ridingSessions = pgTable(
  "riding_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    trainerId: text("trainer_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    // The trainer's school when the session was made: its videos, shares and notes belong to it.
    schoolId: uuid("school_id")
      .notNull()
      .references(() => schools.id, { onDelete: "restrict" }),
    title: text("title").notNull(),
    sessionDate: date("session_date", { mode: "string" }).notNull(),
    notes: text("notes").notNull().default(""),
    // How long each student's personal link lives (days) when first emailed.
    shareExpiryDays: integer("share_expiry_days").notNull().default(14),
    // An upload action is adding videos: the students' email waits until it ends (or goes quiet).
    uploadOpenedAt: ts("upload_opened_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("riding_sessions_trainer_idx").on(t.trainerId, t.sessionDate, t.createdAt),
    index("riding_sessions_school_idx").on(t.schoolId, t.sessionDate),
  ],
);

// ── Videos and their upload ─────────────────────────────────────────────────

export const videos = pgTable(
  "videos",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    trainerId: text("trainer_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => ridingSessions.id, { onDelete: "cascade" }),
    // Order within the session (the upload order).
    position: integer("position").notNull().default(0),
    // When the session's students were emailed about this video (null: not yet).
    announcedAt: ts("announced_at"),
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
    durationSeconds: real("duration_seconds"),
    thumbnailKey: text("thumbnail_key"),
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
    index("videos_session_idx").on(t.sessionId, t.position),
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

// One per (riding session, student): one personal link to every video of the session.
export const shares = pgTable(
  "shares",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => ridingSessions.id, { onDelete: "cascade" }),
    recipientEmail: text("recipient_email").notNull(),
    recipientName: text("recipient_name"),
    // The student's language for their emails and link page, chosen by the trainer; null: their browser's (lib/i18n/resolve.ts).
    language: text("language"),
    // SHA-256 (hex) of the 256-bit token in the student's link.
    tokenHash: text("token_hash").notNull().unique(),
    // The token sealed with AUTH_SECRET (AES-256-GCM), so a later "new video" email carries the same link.
    sealedToken: text("sealed_token"),
    // When the student's first email (the whole session) was queued; null until the videos are uploaded.
    emailedAt: ts("emailed_at"),
    expiresAt: ts("expires_at").notNull(),
    revokedAt: ts("revoked_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("shares_session_recipient_uq").on(t.sessionId, t.recipientEmail), index("shares_recipient_idx").on(t.recipientEmail)],
);

export const shareEvents = pgTable(
  "share_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    shareId: uuid("share_id")
      .notNull()
      .references(() => shares.id, { onDelete: "cascade" }),
    // The video of the session the event is about.
    videoId: uuid("video_id").references(() => videos.id, { onDelete: "cascade" }),
    kind: shareEventKind("kind").notNull(),
    at: ts("at").notNull().defaultNow(),
  },
  (t) => [index("share_events_share_idx").on(t.shareId, t.kind)],
);

// How much of a video a student has watched: the video in 100 slices, a '1' for each
// slice played (from the player's progress beacons), merged with a bitwise OR.
export const watchProgress = pgTable(
  "watch_progress",
  {
    shareId: uuid("share_id")
      .notNull()
      .references(() => shares.id, { onDelete: "cascade" }),
    videoId: uuid("video_id")
      .notNull()
      .references(() => videos.id, { onDelete: "cascade" }),
    slices: text("slices").notNull(),
    percent: integer("percent").notNull().default(0),
    // The first time the student had watched 90% or more.
    finishedAt: ts("finished_at"),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.shareId, t.videoId] })],
);

// One row per trainer per (UTC) day a digest was queued: the sweep runs hourly, the digest goes once.
export const trainerDigests = pgTable(
  "trainer_digests",
  {
    trainerId: text("trainer_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    day: date("day", { mode: "string" }).notNull(),
    // What the digest covered: events after the previous digest, up to this moment.
    coveredUntil: ts("covered_until").notNull(),
    sent: boolean("sent").notNull(),
  },
  (t) => [primaryKey({ columns: [t.trainerId, t.day] })],
);

// ── The school's roster (lib/roster) ─────────────────────────────────────────

// A student on a school's roster. Removing keeps the row (removedAt): nothing new
// is shared with them from the roster, and their existing links live on as set.
export const rosterStudents = pgTable(
  "roster_students",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    schoolId: uuid("school_id")
      .notNull()
      .references(() => schools.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    name: text("name"),
    // "en", "nl", "fr"; null: their browser's, then the school's default.
    language: text("language"),
    // A short note for the trainer, e.g. the licence category ("A2").
    note: text("note"),
    removedAt: ts("removed_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("roster_students_school_email_uq").on(t.schoolId, t.email)],
);

// A named group of the roster ("A2 Saturday group"): the upload form adds it in one go.
export const rosterGroups = pgTable(
  "roster_groups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    schoolId: uuid("school_id")
      .notNull()
      .references(() => schools.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("roster_groups_school_name_uq").on(t.schoolId, t.name)],
);

export const rosterGroupMembers = pgTable(
  "roster_group_members",
  {
    groupId: uuid("group_id")
      .notNull()
      .references(() => rosterGroups.id, { onDelete: "cascade" }),
    studentId: uuid("student_id")
      .notNull()
      .references(() => rosterStudents.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.studentId] })],
);

// ── Coaching on the video (lib/coaching) ────────────────────────────────────

// A trainer's note pinned to a moment of a video, for every student the video is
// shared with (audienceEmail null) or one student. Keyed on the video and the
// student's address, so it survives however shares are grouped.
export const coachingNotes = pgTable(
  "coaching_notes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    videoId: uuid("video_id")
      .notNull()
      .references(() => videos.id, { onDelete: "cascade" }),
    audienceEmail: text("audience_email"),
    atSeconds: real("at_seconds").notNull(),
    endSeconds: real("end_seconds"),
    text: text("text").notNull(),
    // Validated vectors in 0..1 coordinates of the frame (lib/coaching/drawing.ts).
    drawing: jsonb("drawing").$type<NoteDrawing>(),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [index("coaching_notes_video_idx").on(t.videoId, t.atSeconds)],
);

// A student's question at a moment, and the trainer's answer. Seen by the trainer
// and that student, or by every student of the video once the trainer makes it public.
export const coachingQuestions = pgTable(
  "coaching_questions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    videoId: uuid("video_id")
      .notNull()
      .references(() => videos.id, { onDelete: "cascade" }),
    studentEmail: text("student_email").notNull(),
    atSeconds: real("at_seconds").notNull(),
    text: text("text").notNull(),
    answer: text("answer"),
    answeredAt: ts("answered_at"),
    public: boolean("public").notNull().default(false),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("coaching_questions_video_idx").on(t.videoId, t.createdAt)],
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

// Second factor (TOTP, RFC 6238) for trainers and admins; lib/auth/two-factor.ts.
export const twoFactor = pgTable("two_factor", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  // The shared secret, sealed (AES-256-GCM, key derived from AUTH_SECRET): a database dump alone yields no codes.
  secretSealed: text("secret_sealed").notNull(),
  // Null while enrolment waits for its first code; the factor counts only once set.
  enabledAt: ts("enabled_at"),
  // The 30-second time step of the last accepted code: a code is accepted once, never again.
  lastUsedStep: bigint("last_used_step", { mode: "number" }),
  createdAt: ts("created_at").notNull().defaultNow(),
});

// Ten single-use recovery codes per enrolment, stored as SHA-256 (they are random, 50 bits each).
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: ts("used_at"),
  },
  (t) => [uniqueIndex("recovery_codes_user_hash_idx").on(t.userId, t.codeHash)],
);

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
    // The actor's school (null for platform actions and anonymous events).
    schoolId: uuid("school_id"),
    action: text("action").notNull(),
    subjectType: text("subject_type"),
    subjectId: text("subject_id"),
    details: jsonb("details").$type<Record<string, unknown>>(),
    at: ts("at").notNull().defaultNow(),
  },
  (t) => [index("audit_log_at_idx").on(t.at), index("audit_log_school_idx").on(t.schoolId, t.at)],
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
/** Shapes drawn on a paused frame; every coordinate is a fraction (0..1) of the frame's width or height. */
export type NoteColor = "red" | "yellow" | "cyan" | "white";
export type NoteShape =
  | { kind: "arrow"; color: NoteColor; from: [number, number]; to: [number, number] }
  | { kind: "circle"; color: NoteColor; center: [number, number]; radius: [number, number] }
  | { kind: "line"; color: NoteColor; points: [number, number][] };
export interface NoteDrawing {
  shapes: NoteShape[];
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

export type School = typeof schools.$inferSelect;
export type RosterStudent = typeof rosterStudents.$inferSelect;
export type RosterGroup = typeof rosterGroups.$inferSelect;
export type User = typeof users.$inferSelect;
export type RidingSession = typeof ridingSessions.$inferSelect;
export type TwoFactor = typeof twoFactor.$inferSelect;
export type MediaJob = typeof mediaJobs.$inferSelect;
export type Video = typeof videos.$inferSelect;
export type NewVideo = typeof videos.$inferInsert;
export type UploadPart = typeof uploadParts.$inferSelect;
export type Share = typeof shares.$inferSelect;
export type ShareEvent = typeof shareEvents.$inferSelect;
export type WatchProgress = typeof watchProgress.$inferSelect;
export type OutboxMessage = typeof emailOutbox.$inferSelect;
export type DevMailboxMessage = typeof devMailbox.$inferSelect;
export type CoachingNote = typeof coachingNotes.$inferSelect;
export type CoachingQuestion = typeof coachingQuestions.$inferSelect;
export type Role = (typeof userRole.enumValues)[number];
