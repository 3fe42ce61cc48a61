import Link from "next/link";
import { DiscardUploadButton } from "@/components/discard-upload-button";
import { DeleteVideoButton, ShareActions } from "@/components/share-actions";
import { WeeklyChart } from "@/components/weekly-chart";
import { requireTrainer } from "@/lib/auth/session";
import { appContext } from "@/lib/context";
import { shareActivity, type ShareActivity } from "@/lib/shares";
import { formatBytes } from "@/lib/uploads/rules";
import { listTrainerVideos, mediaState, thumbnailUrl, trainerStats } from "@/lib/videos";
import { mediaJobsFor } from "@/lib/media";
import { MediaStatus } from "@/components/media-status";

export const metadata = { title: "Trainer dashboard" };

const when = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace("T", " ") + " UTC" : null);

function Step({ label, at, testId, bad }: { label: string; at: Date | null; testId: string; bad?: boolean }) {
  return (
    <span
      data-testid={testId}
      data-done={at ? "yes" : "no"}
      title={when(at) ?? "not yet"}
      className={bad ? "text-red-700" : at ? "text-green-700" : "text-zinc-400"}
    >
      {at ? "✓ " : ""}
      {label}
      {at ? <span className="text-xs text-zinc-500"> {when(at)}</span> : null}
    </span>
  );
}

function EmailStep({ a }: { a: ShareActivity }) {
  const e = a.email;
  if (e.state === "sent") return <Step label="emailed" at={e.at} testId="st-emailed" />;
  const label = { queued: "email queued", failed: "email failed", bounced: "bounced", complained: "marked as spam" }[e.state];
  return (
    <span
      data-testid="st-emailed"
      data-done="no"
      title={e.error ?? ""}
      className={e.state === "queued" ? "text-amber-700" : "text-red-700"}
    >
      {label}
    </span>
  );
}

export default async function TrainerDashboard() {
  const trainer = await requireTrainer();
  const ctx = await appContext();
  const [videos, stats] = await Promise.all([listTrainerVideos(ctx.db, trainer.id), trainerStats(ctx, trainer.id)]);
  const [activity, jobs] = await Promise.all([
    shareActivity(
      ctx.db,
      videos.flatMap((v) => v.shares),
    ),
    mediaJobsFor(
      ctx.db,
      videos.map((v) => v.id),
    ),
  ]);
  const thumbs = new Map(
    await Promise.all(videos.filter((v) => v.status !== "uploading").map(async (v) => [v.id, await thumbnailUrl(ctx, v)] as const)),
  );
  const now = ctx.now();
  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <div className="flex items-center justify-between gap-4">
        <h1 className="text-2xl font-bold">Your uploads</h1>
        <Link href="/trainer/upload" className="rounded-lg bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark">
          Upload videos
        </Link>
      </div>
      <section className="mt-4 flex flex-wrap items-end gap-8 rounded-xl border border-zinc-200 bg-white p-4" aria-label="Usage">
        <div>
          <p className="text-sm text-zinc-500">Storage used</p>
          <p className="text-xl font-semibold" data-testid="storage-used">
            {formatBytes(stats.storageBytes)}
          </p>
          <p className="text-sm text-zinc-500">{stats.videoCount} videos</p>
        </div>
        <WeeklyChart weeks={stats.weeks} />
      </section>
      {videos.length === 0 ? (
        <p className="mt-6 text-zinc-700">No uploads yet. After a session, upload the videos and name the students.</p>
      ) : (
        <ul className="mt-6 space-y-3">
          {videos.map((v) => {
            const pct = Math.floor((v.uploadedBytes / v.sizeBytes) * 100);
            return (
              <li key={v.id} data-testid="video-row" data-video-id={v.id} className="rounded-xl border border-zinc-200 bg-white p-3">
                <div className="flex gap-4">
                  <div className="h-20 w-32 shrink-0 overflow-hidden rounded-lg bg-zinc-200">
                    {thumbs.get(v.id) && (
                      // eslint-disable-next-line @next/next/no-img-element
                      <img src={thumbs.get(v.id)} alt="" className="h-full w-full object-cover" width={128} height={80} />
                    )}
                  </div>
                  <div className="min-w-0 flex-1">
                    <div className="flex flex-wrap items-baseline justify-between gap-2">
                      <h2 className="truncate font-semibold">{v.title}</h2>
                      <span
                        data-testid="video-status"
                        className={v.status === "ready" ? "text-green-700" : v.status === "failed" ? "text-red-700" : "text-amber-700"}
                      >
                        {v.status === "uploading" ? `uploading ${pct}%` : v.status}
                      </span>
                    </div>
                    <p className="text-sm text-zinc-600">
                      Session {v.sessionDate} · {formatBytes(v.sizeBytes)}
                      {v.expiresAt ? ` · deleted after ${v.expiresAt.toISOString().slice(0, 10)}` : ""}
                    </p>
                    <MediaStatus videoId={v.id} media={JSON.parse(JSON.stringify(mediaState(jobs.get(v.id))))} />
                    {v.status === "uploading" ? (
                      <>
                        <p className="mt-1 truncate text-sm text-zinc-700">{v.recipients.map((s) => s.name || s.email).join(", ")}</p>
                        <div className="mt-1 flex gap-3 text-sm">
                          <Link href={`/trainer/upload?resume=${v.id}`} className="font-medium text-brand underline">
                            Resume
                          </Link>
                          <DiscardUploadButton videoId={v.id} title={v.title} />
                        </div>
                      </>
                    ) : (
                      <DeleteVideoButton videoId={v.id} title={v.title} />
                    )}
                  </div>
                </div>
                {v.shares.length > 0 && (
                  <ul className="mt-3 divide-y divide-zinc-100 border-t border-zinc-100 text-sm">
                    {v.shares.map((s) => {
                      const a = activity.get(s.id)!;
                      const revoked = !!s.revokedAt;
                      const expired = s.expiresAt <= now;
                      return (
                        <li
                          key={s.id}
                          data-testid="share-row"
                          data-email={s.recipientEmail}
                          className="flex flex-col gap-1 py-2 sm:flex-row sm:items-center sm:justify-between"
                        >
                          <div>
                            <span className="font-medium">{s.recipientName ?? s.recipientEmail}</span>
                            {s.recipientName && <span className="text-zinc-500"> · {s.recipientEmail}</span>}
                            <div className="flex flex-wrap gap-x-3 text-xs sm:text-sm">
                              <EmailStep a={a} />
                              <Step label="opened" at={a.opened} testId="st-opened" />
                              <Step label="watched" at={a.watched} testId="st-watched" />
                              <Step label="downloaded" at={a.downloaded} testId="st-downloaded" />
                              <span className={revoked || expired ? "text-red-700" : "text-zinc-500"} data-testid="st-link">
                                {revoked
                                  ? "link revoked"
                                  : expired
                                    ? "link expired"
                                    : `link until ${s.expiresAt.toISOString().slice(0, 10)}`}
                              </span>
                            </div>
                          </div>
                          {v.status === "ready" && <ShareActions shareId={s.id} revoked={revoked} email={s.recipientEmail} />}
                        </li>
                      );
                    })}
                  </ul>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </main>
  );
}
