ALTER TABLE "upload_parts" ALTER COLUMN "etag" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "upload_parts" ALTER COLUMN "size_bytes" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "upload_parts" ADD COLUMN "uploaded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "videos" ADD COLUMN "recipients" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
CREATE INDEX "videos_fingerprint_idx" ON "videos" USING btree ("trainer_id","file_fingerprint");