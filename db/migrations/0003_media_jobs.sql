CREATE TYPE "public"."media_job_status" AS ENUM('queued', 'running', 'ready', 'failed');--> statement-breakpoint
CREATE TABLE "media_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"video_id" uuid NOT NULL,
	"engine" text DEFAULT 'ffmpeg' NOT NULL,
	"status" "media_job_status" DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"run_after" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"external_id" text,
	"last_error" text,
	"refused" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"playable_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "media_jobs_video_id_unique" UNIQUE("video_id")
);
--> statement-breakpoint
ALTER TABLE "videos" ADD COLUMN "probe" jsonb;--> statement-breakpoint
ALTER TABLE "videos" ADD COLUMN "renditions" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "videos" ADD COLUMN "poster_key" text;--> statement-breakpoint
ALTER TABLE "videos" ADD COLUMN "storyboard" jsonb;--> statement-breakpoint
ALTER TABLE "videos" ADD COLUMN "recording_key" uuid;--> statement-breakpoint
ALTER TABLE "videos" ADD COLUMN "chapter" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "videos" ADD COLUMN "chapter_count" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "media_jobs" ADD CONSTRAINT "media_jobs_video_id_videos_id_fk" FOREIGN KEY ("video_id") REFERENCES "public"."videos"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "media_jobs_due_idx" ON "media_jobs" USING btree ("status","run_after");--> statement-breakpoint
CREATE INDEX "media_jobs_external_idx" ON "media_jobs" USING btree ("external_id");--> statement-breakpoint
CREATE INDEX "videos_recording_idx" ON "videos" USING btree ("trainer_id","recording_key","chapter");