// A riding session on the trainer's dashboard: its videos in order and its
// students with what each has done, and their links' actions.
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import type { Share } from "@/db/schema";
import type { ShareActivity } from "@/lib/shares/status";
import type { MediaState } from "@/lib/videos/playback";
import { SessionVideoRow, type VideoRowData } from "./session-video-row";
import { StudentRows } from "./share-status";

interface Props {
  session: { id: string; title: string; sessionDate: string };
  videos: VideoRowData[];
  shares: Share[];
  activity: Map<string, ShareActivity>;
  media: Map<string, MediaState>;
  thumbs: Map<string, string | undefined>;
  progress: Map<string, { percent: number; finishedAt: Date | null }>;
  now: Date;
}

export function SessionCard({ session, videos, shares, activity, media, thumbs, progress, now }: Props) {
  const t = useTranslations("sessionCard");
  const format = useFormatter();
  const anyReady = videos.some((v) => v.status === "ready");
  return (
    <li data-testid="session-row" data-session-id={session.id} className="rounded-xl border border-zinc-200 bg-white p-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-lg font-semibold">
          <Link href={`/trainer/sessions/${session.id}`} className="underline">
            {session.title}
          </Link>
        </h2>
        <span className="text-sm text-zinc-600">
          {t("summary", {
            date: format.dateTime(new Date(`${session.sessionDate}T12:00:00Z`), { day: "numeric", month: "short", year: "numeric" }),
            count: videos.length,
          })}
        </span>
      </div>
      {videos.length > 0 && (
        <ol className="mt-1 divide-y divide-zinc-100">
          {videos.map((v, i) => (
            <SessionVideoRow key={v.id} v={v} index={i} thumb={thumbs.get(v.id)} media={media.get(v.id) ?? { state: "none" }} />
          ))}
        </ol>
      )}
      {shares.length > 0 && (
        <StudentRows
          shares={shares}
          activity={activity}
          now={now}
          actions={anyReady}
          videos={videos}
          progress={progress}
          className="mt-2 divide-y divide-zinc-100 border-t border-zinc-100 text-sm"
        />
      )}
    </li>
  );
}
