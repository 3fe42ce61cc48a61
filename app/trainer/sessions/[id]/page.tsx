import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { AddStudentsForm, SessionEditForm } from "@/components/session-forms";
import { SessionVideoRow } from "@/components/session-video-row";
import { StudentRows } from "@/components/share-status";
import { requireTrainer } from "@/lib/auth/session";
import { appContext } from "@/lib/context";
import { ApiError } from "@/lib/http";
import { mediaJobsFor } from "@/lib/media";
import { knownStudents, sessionDetail } from "@/lib/riding-sessions";
import { rosterForUpload } from "@/lib/roster";
import { progressOf, shareActivity } from "@/lib/shares";
import { mediaState, thumbnailUrl } from "@/lib/videos";

export async function generateMetadata() {
  return { title: (await getTranslations("session"))("metaTitle") };
}

export default async function TrainerSessionPage({ params }: { params: Promise<{ id: string }> }) {
  const trainer = await requireTrainer();
  const { id } = await params;
  const ctx = await appContext();
  const detail = await sessionDetail(ctx, trainer.id, id).catch((e) => {
    if (e instanceof ApiError && e.status === 404) notFound();
    throw e;
  });
  const { session, videos, shares, retention } = detail;
  const [activity, jobs, roster, progress] = await Promise.all([
    shareActivity(ctx.db, shares),
    mediaJobsFor(
      ctx.db,
      videos.map((v) => v.id),
    ),
    // The school's roster and addresses used before; removed students nowhere.
    knownStudents(ctx.db, trainer.id).then((used) => rosterForUpload(ctx.db, trainer, used)),
    progressOf(
      ctx.db,
      shares.map((s) => s.id),
    ),
  ]);
  const thumbs = new Map(
    await Promise.all(videos.filter((v) => v.status !== "uploading").map(async (v) => [v.id, await thumbnailUrl(ctx, v)] as const)),
  );
  const t = await getTranslations("session");
  const anyReady = videos.some((v) => v.status === "ready");
  const now = ctx.now();
  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <p className="text-sm">
        <Link href="/trainer" className="text-brand underline">
          {t("back")}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold" data-testid="session-title">
        {session.title}
      </h1>
      <p className="text-sm text-zinc-600">
        {t("date", { date: session.sessionDate })}
        {retention.endsAt ? ` · ${t("deletedAfter", { date: retention.endsAt.toISOString().slice(0, 10) })}` : ""}
        {retention.maxEndsAt ? ` ${t("keptUntil", { date: retention.maxEndsAt.toISOString().slice(0, 10) })}` : ""}
      </p>

      <section className="mt-4 rounded-xl border border-zinc-200 bg-white p-4" aria-labelledby="videos-h">
        <div className="flex items-center justify-between gap-4">
          <h2 id="videos-h" className="font-semibold">
            {t("videos")}
          </h2>
          <Link
            href={`/trainer/upload?session=${session.id}`}
            className="rounded-lg bg-brand px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-dark"
          >
            {t("addVideos")}
          </Link>
        </div>
        {videos.length === 0 ? (
          <p className="mt-2 text-zinc-700">{t("noVideos")}</p>
        ) : (
          <ol className="mt-2 divide-y divide-zinc-100" data-testid="session-videos">
            {videos.map((v, i) => (
              <SessionVideoRow key={v.id} v={v} index={i} thumb={thumbs.get(v.id)} media={mediaState(jobs.get(v.id))} />
            ))}
          </ol>
        )}
      </section>

      <section className="mt-4 rounded-xl border border-zinc-200 bg-white p-4" aria-labelledby="students-h">
        <h2 id="students-h" className="font-semibold">
          {t("students")}
        </h2>
        <StudentRows
          shares={shares}
          activity={activity}
          now={now}
          actions={anyReady}
          videos={videos}
          progress={progress}
          className="mt-2 divide-y divide-zinc-100 text-sm"
        />
        <h3 className="mt-4 text-sm font-semibold">{t("addStudents")}</h3>
        <AddStudentsForm sessionId={session.id} knownStudents={roster.students} groups={roster.groups} />
      </section>

      <section className="mt-4 rounded-xl border border-zinc-200 bg-white p-4" aria-labelledby="edit-h">
        <h2 id="edit-h" className="mb-2 font-semibold">
          {t("details")}
        </h2>
        <SessionEditForm sessionId={session.id} title={session.title} sessionDate={session.sessionDate} notes={session.notes} />
      </section>
    </main>
  );
}
