CREATE TABLE "roster_group_members" (
	"group_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	CONSTRAINT "roster_group_members_group_id_student_id_pk" PRIMARY KEY("group_id","student_id")
);
--> statement-breakpoint
CREATE TABLE "roster_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "roster_students" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"email" text NOT NULL,
	"name" text,
	"language" text,
	"note" text,
	"removed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "schools" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"default_language" text DEFAULT 'en' NOT NULL,
	"reply_to" text,
	"logo_key" text,
	"retention_days" integer,
	"share_expiry_days" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "school_id" uuid;--> statement-breakpoint
ALTER TABLE "riding_sessions" ADD COLUMN "school_id" uuid;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "school_id" uuid;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "school_admin" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Today's data moves into one default school: every trainer (admins become its admins), every
-- session and audit row, and a roster made of the students the trainers shared with (newest name and language).
INSERT INTO "schools" ("name") SELECT 'My school' WHERE EXISTS (SELECT 1 FROM "users" WHERE "role" <> 'student') OR EXISTS (SELECT 1 FROM "riding_sessions");--> statement-breakpoint
UPDATE "users" SET "school_id" = (SELECT "id" FROM "schools" LIMIT 1), "school_admin" = ("role" = 'admin') WHERE "role" <> 'student';--> statement-breakpoint
UPDATE "riding_sessions" SET "school_id" = (SELECT "id" FROM "schools" LIMIT 1);--> statement-breakpoint
UPDATE "audit_log" SET "school_id" = (SELECT "id" FROM "schools" LIMIT 1);--> statement-breakpoint
INSERT INTO "roster_students" ("school_id", "email", "name", "language", "created_at", "updated_at")
  SELECT DISTINCT ON (s."recipient_email") r."school_id", s."recipient_email", s."recipient_name", s."language", s."created_at", s."created_at"
  FROM "shares" s JOIN "riding_sessions" r ON r."id" = s."session_id"
  ORDER BY s."recipient_email", s."created_at" DESC;--> statement-breakpoint
ALTER TABLE "riding_sessions" ALTER COLUMN "school_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "roster_group_members" ADD CONSTRAINT "roster_group_members_group_id_roster_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."roster_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roster_group_members" ADD CONSTRAINT "roster_group_members_student_id_roster_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."roster_students"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roster_groups" ADD CONSTRAINT "roster_groups_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roster_students" ADD CONSTRAINT "roster_students_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "roster_groups_school_name_uq" ON "roster_groups" USING btree ("school_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "roster_students_school_email_uq" ON "roster_students" USING btree ("school_id","email");--> statement-breakpoint
ALTER TABLE "riding_sessions" ADD CONSTRAINT "riding_sessions_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_school_idx" ON "audit_log" USING btree ("school_id","at");--> statement-breakpoint
CREATE INDEX "riding_sessions_school_idx" ON "riding_sessions" USING btree ("school_id","session_date");