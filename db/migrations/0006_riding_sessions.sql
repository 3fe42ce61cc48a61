CREATE TABLE "riding_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trainer_id" text NOT NULL,
	"title" text NOT NULL,
	"session_date" date NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"share_expiry_days" integer DEFAULT 14 NOT NULL,
	"upload_opened_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "share_events" ADD COLUMN "video_id" uuid;--> statement-breakpoint
ALTER TABLE "shares" ADD COLUMN "session_id" uuid;--> statement-breakpoint
ALTER TABLE "shares" ADD COLUMN "sealed_token" text;--> statement-breakpoint
ALTER TABLE "shares" ADD COLUMN "emailed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "videos" ADD COLUMN "session_id" uuid;--> statement-breakpoint
ALTER TABLE "videos" ADD COLUMN "position" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "videos" ADD COLUMN "announced_at" timestamp with time zone;--> statement-breakpoint
-- Backfill: every existing video (a recording: its chapter 1) becomes its own session, with the same id.
INSERT INTO "riding_sessions" ("id", "trainer_id", "title", "session_date", "notes", "share_expiry_days", "created_at", "updated_at")
SELECT v."id", v."trainer_id", v."title", v."session_date", v."notes", v."share_expiry_days", v."created_at", v."created_at"
FROM "videos" v
WHERE v."recording_key" IS NULL OR v."chapter" = 1 OR NOT EXISTS (
	SELECT 1 FROM "videos" c WHERE c."trainer_id" = v."trainer_id" AND c."recording_key" = v."recording_key" AND c."chapter" = 1
);--> statement-breakpoint
-- Chapters 2…N join their chapter 1's session.
UPDATE "videos" v SET "session_id" = COALESCE(
	(SELECT c."id" FROM "videos" c WHERE v."recording_key" IS NOT NULL AND c."trainer_id" = v."trainer_id" AND c."recording_key" = v."recording_key" AND c."chapter" = 1 LIMIT 1),
	v."id"
);--> statement-breakpoint
-- Ready videos were emailed video by video already: nothing to announce again.
UPDATE "videos" SET "announced_at" = COALESCE("completed_at", "created_at") WHERE "status" <> 'uploading';--> statement-breakpoint
-- Existing shares keep their token (and so their link): they now open the video's session.
UPDATE "shares" s SET "session_id" = v."session_id", "emailed_at" = s."created_at" FROM "videos" v WHERE v."id" = s."video_id";--> statement-breakpoint
UPDATE "share_events" e SET "video_id" = s."video_id" FROM "shares" s WHERE s."id" = e."share_id";--> statement-breakpoint
ALTER TABLE "shares" ALTER COLUMN "session_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "videos" ALTER COLUMN "session_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "riding_sessions" ADD CONSTRAINT "riding_sessions_trainer_id_users_id_fk" FOREIGN KEY ("trainer_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "riding_sessions_trainer_idx" ON "riding_sessions" USING btree ("trainer_id","session_date","created_at");--> statement-breakpoint
ALTER TABLE "share_events" ADD CONSTRAINT "share_events_video_id_videos_id_fk" FOREIGN KEY ("video_id") REFERENCES "public"."videos"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shares" ADD CONSTRAINT "shares_session_id_riding_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."riding_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "videos" ADD CONSTRAINT "videos_session_id_riding_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."riding_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "shares_session_recipient_uq" ON "shares" USING btree ("session_id","recipient_email");--> statement-breakpoint
CREATE INDEX "videos_session_idx" ON "videos" USING btree ("session_id","position");--> statement-breakpoint
ALTER TABLE "shares" DROP CONSTRAINT "shares_video_id_videos_id_fk";--> statement-breakpoint
DROP INDEX "shares_video_recipient_uq";--> statement-breakpoint
ALTER TABLE "shares" DROP COLUMN "video_id";--> statement-breakpoint
-- Uploads still running named their students on the video; they become the session's shares
-- (a placeholder hash no token matches: the real token is minted with the first email).
INSERT INTO "shares" ("session_id", "recipient_email", "recipient_name", "token_hash", "expires_at", "created_at")
SELECT v."session_id", lower(r."email"), r."name", encode(sha256(convert_to(gen_random_uuid()::text || r."email", 'UTF8')), 'hex'),
	v."created_at" + make_interval(days => v."share_expiry_days"), v."created_at"
FROM "videos" v CROSS JOIN LATERAL jsonb_to_recordset(v."recipients") AS r("email" text, "name" text)
WHERE v."status" = 'uploading' AND v."id" = v."session_id"
ON CONFLICT DO NOTHING;--> statement-breakpoint
ALTER TABLE "videos" DROP COLUMN "session_date";--> statement-breakpoint
ALTER TABLE "videos" DROP COLUMN "notes";--> statement-breakpoint
ALTER TABLE "videos" DROP COLUMN "recipients";--> statement-breakpoint
ALTER TABLE "videos" DROP COLUMN "share_expiry_days";
--> statement-breakpoint
CREATE TABLE "trainer_digests" (
	"trainer_id" text NOT NULL,
	"day" date NOT NULL,
	"covered_until" timestamp with time zone NOT NULL,
	"sent" boolean NOT NULL,
	CONSTRAINT "trainer_digests_trainer_id_day_pk" PRIMARY KEY("trainer_id","day")
);
--> statement-breakpoint
CREATE TABLE "watch_progress" (
	"share_id" uuid NOT NULL,
	"video_id" uuid NOT NULL,
	"slices" text NOT NULL,
	"percent" integer DEFAULT 0 NOT NULL,
	"finished_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "watch_progress_share_id_video_id_pk" PRIMARY KEY("share_id","video_id")
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "digest_opt_out" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "trainer_digests" ADD CONSTRAINT "trainer_digests_trainer_id_users_id_fk" FOREIGN KEY ("trainer_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "watch_progress" ADD CONSTRAINT "watch_progress_share_id_shares_id_fk" FOREIGN KEY ("share_id") REFERENCES "public"."shares"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "watch_progress" ADD CONSTRAINT "watch_progress_video_id_videos_id_fk" FOREIGN KEY ("video_id") REFERENCES "public"."videos"("id") ON DELETE cascade ON UPDATE no action;