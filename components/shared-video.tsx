import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { LocalTime } from "@/components/local-time";
import { CoachedPlayer, StudentCoachingPanel } from "@/components/coaching/student-coaching";
import type { PlayerProps } from "@/components/video-player";
import type { Video } from "@/db/schema";
import { SchoolHeader } from "@/components/school-header";
import { schoolLogoPath } from "@/lib/schools/logo-rules";
import type { SharedSession } from "@/lib/shares/access";
import { formatDay } from "@/lib/i18n/locales";
import { formatBytes } from "@/lib/uploads/rules";

interface Props {
  shared: SharedSession;
  /** The video on show (the page's `?v=`, else the first). */
  video: Video;
  /** Poster, renditions, original and storyboard (lib/media's playbackFor). */
  playback: Omit<PlayerProps, "downloadHref" | "eventUrl" | "eventBody"> & {
    chapters: { chapter: number; fileName: string; sizeBytes: number }[];
  };
  /** The session page's own path (the link, or the signed-in student's page): videos are `?v=`, downloads `/download`. */
  basePath: string;
  /** Identifies the share to the playback beacon: the link's token, or the signed-in student's share id. */
  eventBody: Record<string, string>;
}

/**
 * The signed-in student's view of a riding session: its videos in order, the one chosen playing on top, download
 * always offered. The link page (/d/<token>) shows the same without React: components/student-page/render.ts.
 */
export async function SharedVideo({ shared, video, playback, basePath, eventBody }: Props) {
  const lang = await getLocale();
  const t = await getTranslations({ locale: lang, namespace: "link" });
  const day = formatDay(lang, shared.session.sessionDate);
  const { session, share, trainer, videos } = shared;
  const downloadHref = `${basePath}/download?video=${video.id}`;
  const index = videos.findIndex((v) => v.id === video.id);
  return (
    <main className="mx-auto max-w-3xl px-3 py-4 sm:px-4 sm:py-8">
      <SchoolHeader name={shared.school.name} logoSrc={schoolLogoPath(shared.school)} />
      <p className="text-sm text-zinc-700" data-testid="session-line">
        {t("sessionOn", { date: day, trainer: trainer.name ?? trainer.email })}
      </p>
      <h1 className="mb-3 text-xl font-bold sm:text-2xl">{session.title}</h1>
      <CoachedPlayer
        {...playback}
        downloadHref={downloadHref}
        eventUrl="/api/share-events"
        eventBody={{ ...eventBody, videoId: video.id }}
      />
      <h2 className="mt-4 text-lg font-semibold" data-testid="video-title">
        {videos.length > 1 ? `${index + 1}. ` : ""}
        {video.title}
      </h2>
      {playback.chapters.length > 1 ? (
        <section className="mt-2" data-testid="chapters">
          <p className="text-sm text-zinc-700">{t("chaptersIntro", { count: playback.chapters.length })}</p>
          <ul className="mt-2 flex flex-col gap-2 sm:flex-row sm:flex-wrap">
            {playback.chapters.map((c) => (
              <li key={c.chapter}>
                <a
                  href={`${downloadHref}&chapter=${c.chapter}`}
                  data-testid="download"
                  className="inline-flex w-full items-center justify-center rounded-lg bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark sm:w-auto"
                >
                  {t("downloadPart", { part: c.chapter, size: formatBytes(c.sizeBytes, lang) })}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        <a
          href={downloadHref}
          data-testid="download"
          className="mt-2 inline-flex w-full items-center justify-center rounded-lg bg-brand px-5 py-3 font-semibold text-white hover:bg-brand-dark sm:w-auto"
        >
          {t("downloadOriginal", { size: formatBytes(video.sizeBytes, lang) })}
        </a>
      )}
      {videos.length > 1 && (
        <nav aria-label={t("videosNav")} className="mt-6">
          <h2 className="font-semibold">{t("allVideos", { count: videos.length })}</h2>
          <ol className="mt-2 space-y-2" data-testid="session-videos">
            {videos.map((v, i) => (
              <li key={v.id} data-testid="session-video">
                <Link
                  href={`${basePath}?v=${v.id}`}
                  aria-current={v.id === video.id ? "page" : undefined}
                  className={`block rounded-lg border p-3 ${v.id === video.id ? "border-brand bg-orange-50 font-semibold" : "border-zinc-200 bg-white underline"}`}
                >
                  {i + 1}. {v.title}
                </Link>
              </li>
            ))}
          </ol>
        </nav>
      )}
      {session.notes && (
        <section className="mt-6">
          <h2 className="font-semibold">{t("trainerNotes")}</h2>
          <p className="mt-1 whitespace-pre-wrap rounded-lg border-l-4 border-brand bg-white p-3 text-zinc-800">{session.notes}</p>
        </section>
      )}
      <p className="mt-6 text-sm text-zinc-600" data-testid="available-until">
        {t.rich("availableUntil", {
          trainer: trainer.name ?? trainer.email,
          time: () => <LocalTime at={share.expiresAt} />,
          mail: (chunks) => (
            <a className="underline" href={`mailto:${trainer.email}`}>
              {chunks}
            </a>
          ),
        })}
      </p>
      {/* Notes and questions when the page wraps this in <StudentCoaching> (components/coaching). */}
      <StudentCoachingPanel />
    </main>
  );
}
