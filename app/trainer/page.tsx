import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { eq } from "drizzle-orm";
import { SessionCard } from "@/components/session-card";
import { DigestSwitch } from "@/components/share-actions";
import { users } from "@/db/schema";
import { WeeklyChart } from "@/components/weekly-chart";
import { QuestionInbox } from "@/components/coaching/question-inbox";
import { unansweredQuestions } from "@/lib/coaching";
import { requireTrainer } from "@/lib/auth/session";
import { appContext } from "@/lib/context";
import { mediaJobsFor } from "@/lib/media";
import { listSessions } from "@/lib/riding-sessions";
import { progressOf, shareActivity } from "@/lib/shares";
import { formatBytes } from "@/lib/uploads/rules";
import { mediaState, thumbnailUrl, trainerStats } from "@/lib/videos";

export async function generateMetadata() {
  return { title: (await getTranslations("dashboard"))("metaTitle") };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export default async function TrainerDashboard({
  searchParams,
}: {
  searchParams: Promise<{ q?: string; from?: string; to?: string; page?: string }>;
}) {
  const trainer = await requireTrainer();
  const t = await getTranslations("dashboard");
  const ctx = await appContext();
  const sp = await searchParams;
  const search = {
    q: sp.q?.slice(0, 200) || undefined,
    from: sp.from && DATE.test(sp.from) ? sp.from : undefined,
    to: sp.to && DATE.test(sp.to) ? sp.to : undefined,
    page: Number(sp.page) || 1,
  };
  const [list, stats, [{ digestOptOut }], waiting] = await Promise.all([
    listSessions(ctx.db, trainer.id, search),
    trainerStats(ctx, trainer.id),
    ctx.db.select({ digestOptOut: users.digestOptOut }).from(users).where(eq(users.id, trainer.id)),
    unansweredQuestions(ctx.db, trainer.id),
  ]);
  const videos = list.sessions.flatMap((s) => s.videos);
  const allShares = list.sessions.flatMap((s) => s.shares);
  const [activity, jobs, progress] = await Promise.all([
    shareActivity(ctx.db, allShares),
    mediaJobsFor(
      ctx.db,
      videos.map((v) => v.id),
    ),
    progressOf(
      ctx.db,
      allShares.map((s) => s.id),
    ),
  ]);
  const media = new Map(videos.map((v) => [v.id, mediaState(jobs.get(v.id))]));
  const thumbs = new Map(
    await Promise.all(videos.filter((v) => v.status !== "uploading").map(async (v) => [v.id, await thumbnailUrl(ctx, v)] as const)),
  );
  const now = ctx.now();
  const pageHref = (page: number) =>
    `/trainer?${new URLSearchParams({ ...(search.q ? { q: search.q } : {}), ...(search.from ? { from: search.from } : {}), ...(search.to ? { to: search.to } : {}), page: String(page) })}`;
  const searching = !!(search.q || search.from || search.to);
  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <div className="flex items-center justify-between gap-4">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <Link href="/trainer/upload" className="rounded-lg bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark">
          {t("upload")}
        </Link>
      </div>
      <section className="mt-4 flex flex-wrap items-end gap-8 rounded-xl border border-zinc-200 bg-white p-4" aria-label={t("usage")}>
        <div>
          <p className="text-sm text-zinc-600">{t("storage")}</p>
          <p className="text-xl font-semibold" data-testid="storage-used">
            {formatBytes(stats.storageBytes)}
          </p>
          <p className="text-sm text-zinc-600">{t("videoCount", { count: stats.videoCount })}</p>
        </div>
        <WeeklyChart weeks={stats.weeks} />
        <DigestSwitch on={!digestOptOut} />
      </section>
      <QuestionInbox questions={waiting.map(({ question: q, video }) => ({ ...q, videoId: video.id, videoTitle: video.title }))} />
      <form
        method="get"
        action="/trainer"
        role="search"
        className="mt-4 flex flex-wrap items-end gap-3 rounded-xl border border-zinc-200 bg-white p-3 text-sm"
      >
        <label className="flex flex-col font-medium">
          {t("searchQuery")}
          <input name="q" defaultValue={search.q ?? ""} className="mt-1 rounded-lg border border-zinc-300 px-2 py-1" />
        </label>
        <label className="flex flex-col font-medium">
          {t("from")}
          <input type="date" name="from" defaultValue={search.from ?? ""} className="mt-1 rounded-lg border border-zinc-300 px-2 py-1" />
        </label>
        <label className="flex flex-col font-medium">
          {t("to")}
          <input type="date" name="to" defaultValue={search.to ?? ""} className="mt-1 rounded-lg border border-zinc-300 px-2 py-1" />
        </label>
        <button type="submit" className="rounded-lg bg-zinc-800 px-3 py-1.5 font-semibold text-white">
          {t("search")}
        </button>
        {searching && (
          <Link href="/trainer" className="underline">
            {t("clear")}
          </Link>
        )}
      </form>
      {list.sessions.length === 0 ? (
        <p className="mt-6 text-zinc-700">{searching ? t("noMatch") : t("empty")}</p>
      ) : (
        <ul className="mt-6 space-y-3">
          {list.sessions.map((s) => (
            <SessionCard
              key={s.session.id}
              session={s.session}
              videos={s.videos}
              shares={s.shares}
              activity={activity}
              media={media}
              thumbs={thumbs}
              progress={progress}
              now={now}
            />
          ))}
        </ul>
      )}
      {list.pages > 1 && (
        <nav aria-label={t("pages")} className="mt-4 flex items-center gap-4 text-sm">
          {list.page > 1 && (
            <Link href={pageHref(list.page - 1)} className="underline" rel="prev">
              {t("newer")}
            </Link>
          )}
          <span data-testid="page-of">{t("pageOf", { page: list.page, pages: list.pages, total: list.total })}</span>
          {list.page < list.pages && (
            <Link href={pageHref(list.page + 1)} className="underline" rel="next">
              {t("older")}
            </Link>
          )}
        </nav>
      )}
    </main>
  );
}
