import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/lib/database";
import { UploadForm, type TargetSession } from "@/components/uploader/upload-form";
import { requireTrainer } from "@/lib/auth/session";
import { getConfig } from "@/lib/config";
import { ApiError } from "@/lib/http";
import { knownStudents, ownedSession, unfinishedUploads } from "@/lib/riding-sessions";
import { rosterForUpload } from "@/lib/roster";
import { schoolById, schoolRules } from "@/lib/schools";
import { sharesOfSession } from "@/lib/shares";
import type { Database } from "@/db/client";
import type { RidingSession } from "@/db/schema";

export async function generateMetadata() {
  return { title: (await getTranslations("upload"))("metaTitle") };
}

// Parts in flight per file. bench:upload: 2 is ~10% slower, 4 matches the AWS SDK's own
// multipart upload once part records are batched; Chromium opens at most 6 connections per host.
const DEFAULT_CONCURRENCY = 4;
const MAX_CONCURRENCY = 6;

async function target(db: Database, session: RidingSession): Promise<TargetSession> {
  const students = (await sharesOfSession(db, session.id)).filter((s) => !s.revokedAt);
  return {
    id: session.id,
    title: session.title,
    sessionDate: session.sessionDate,
    students: students.map((s) => s.recipientName ?? s.recipientEmail),
  };
}

export default async function UploadPage({
  searchParams,
}: {
  searchParams: Promise<{ resume?: string; concurrency?: string; session?: string }>;
}) {
  const trainer = await requireTrainer();
  const t = await getTranslations("upload");
  const { resume, concurrency, session } = await searchParams;
  const db = await getDb();
  const [roster, unfinished, school] = await Promise.all([
    // The school's roster first, then addresses this trainer used before (removed students nowhere).
    knownStudents(db, trainer.id).then((used) => rosterForUpload(db, trainer, used)),
    unfinishedUploads(db, trainer.id),
    trainer.schoolId ? schoolById(db, trainer.schoolId) : null,
  ]);
  const addTo = session
    ? await ownedSession(db, trainer.id, session).catch((e) => {
        if (e instanceof ApiError && e.status === 404) notFound();
        throw e;
      })
    : null;
  const resumable = await Promise.all(
    unfinished.map(async (u) => ({
      videoId: u.video.id,
      fileName: u.video.originalFileName,
      size: u.video.sizeBytes,
      title: u.video.title,
      session: await target(db, u.session),
      percent: Math.floor((u.uploadedBytes / u.video.sizeBytes) * 100),
    })),
  );
  const parallel = Math.min(MAX_CONCURRENCY, Math.max(1, Number(concurrency) || DEFAULT_CONCURRENCY));
  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <h1 className="mb-4 text-2xl font-bold">{addTo ? t("addTo", { title: addTo.title }) : t("metaTitle")}</h1>
      <UploadForm
        maxBytes={getConfig().uploads.maxBytes}
        concurrency={parallel}
        knownStudents={roster.students}
        groups={roster.groups}
        resumable={resumable}
        resumeId={resume}
        addTo={addTo ? await target(db, addTo) : undefined}
        defaultExpiryDays={schoolRules(school, getConfig()).shareExpiryDays}
      />
    </main>
  );
}
