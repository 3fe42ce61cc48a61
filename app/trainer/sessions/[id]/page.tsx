import Link from "next/link";
import { notFound } from "next/navigation";
import { AddStudentsForm, SessionEditForm } from "@/components/session-forms";
import { SessionVideoRow } from "@/components/session-video-row";
import { progressRows, StudentRow } from "@/components/share-status";
import { requireTrainer } from "@/lib/auth/session";
import { appContext } from "@/lib/context";
import { ApiError } from "@/lib/http";
import { mediaJobsFor } from "@/lib/media";
import { knownStudents, sessionDetail } from "@/lib/riding-sessions";
import { progressOf, shareActivity } from "@/lib/shares";
import { mediaState, thumbnailUrl } from "@/lib/videos";

export const metadata = { title: "Riding session" };

export default async function TrainerSessionPage({ params }: { params: Promise<{ id: string }> }) {
  const trainer = await requireTrainer();
  const { id } = await params;
  const ctx = await appContext();
  const detail = await sessionDetail(ctx, trainer.id, id).catch((e) => {
    if (e instanceof ApiError && e.status === 404) notFound();
    throw e;
  });
  const { session, videos, shares, retention } = detail;
  const [activity, jobs, students, progress] = await Promise.all([
    shareActivity(ctx.db, shares),
    mediaJobsFor(
      ctx.db,
      videos.map((v) => v.id),
    ),
    knownStudents(ctx.db, trainer.id),
    progressOf(
      ctx.db,
      shares.map((s) => s.id),
    ),
  ]);
  const thumbs = new Map(
    await Promise.all(videos.filter((v) => v.status !== "uploading").map(async (v) => [v.id, await thumbnailUrl(ctx, v)] as const)),
  );
  const anyReady = videos.some((v) => v.status === "ready");
  const now = ctx.now();
  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <p className="text-sm">
        <Link href="/trainer" className="text-brand underline">
          ← All sessions
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold" data-testid="session-title">
        {session.title}
      </h1>
      <p className="text-sm text-zinc-600">
        Session {session.sessionDate}
        {retention.endsAt ? ` · videos deleted after ${retention.endsAt.toISOString().slice(0, 10)}` : ""}
        {retention.maxEndsAt ? ` (can be kept until ${retention.maxEndsAt.toISOString().slice(0, 10)})` : ""}
      </p>

      <section className="mt-4 rounded-xl border border-zinc-200 bg-white p-4" aria-labelledby="videos-h">
        <div className="flex items-center justify-between gap-4">
          <h2 id="videos-h" className="font-semibold">
            Videos
          </h2>
          <Link
            href={`/trainer/upload?session=${session.id}`}
            className="rounded-lg bg-brand px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-dark"
          >
            Add videos
          </Link>
        </div>
        {videos.length === 0 ? (
          <p className="mt-2 text-zinc-700">No videos yet.</p>
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
          Students
        </h2>
        <ul className="mt-2 divide-y divide-zinc-100 text-sm">
          {shares.map((s) => (
            <StudentRow
              key={s.id}
              share={s}
              activity={activity.get(s.id)!}
              now={now}
              actions={anyReady}
              progress={progressRows(s.id, videos, progress)}
            />
          ))}
        </ul>
        <h3 className="mt-4 text-sm font-semibold">Add students</h3>
        <AddStudentsForm sessionId={session.id} knownStudents={students} />
      </section>

      <section className="mt-4 rounded-xl border border-zinc-200 bg-white p-4" aria-labelledby="edit-h">
        <h2 id="edit-h" className="mb-2 font-semibold">
          Details
        </h2>
        <SessionEditForm sessionId={session.id} title={session.title} sessionDate={session.sessionDate} notes={session.notes} />
      </section>
    </main>
  );
}
