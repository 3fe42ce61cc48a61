// A student's line on the trainer's pages: emailed · opened · watched ·
// downloaded (with times), the link's state, and its actions.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { isLocale, LANGUAGE_NAMES } from "@/lib/i18n/locales";
import type { Share } from "@/db/schema";
import type { ShareActivity } from "@/lib/shares/status";
import { ShareActions } from "./share-actions";

const when = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace("T", " ") + " UTC" : null);

function Step({ label, at, testId, bad }: { label: string; at: Date | null; testId: string; bad?: boolean }) {
  const t = useTranslations("shareStatus");
  return (
    <span
      data-testid={testId}
      data-done={at ? "yes" : "no"}
      title={when(at) ?? t("notYet")}
      className={bad ? "text-red-700" : at ? "text-green-700" : "text-zinc-600"}
    >
      {at ? "✓ " : ""}
      {label}
      {at ? <span className="text-xs text-zinc-600"> {when(at)}</span> : null}
    </span>
  );
}

function EmailStep({ a, share }: { a: ShareActivity; share: Share }) {
  const t = useTranslations("shareStatus");
  const e = a.email;
  if (e.state === "sent") return <Step label={t("emailed")} at={e.at} testId="st-emailed" />;
  const label = !share.emailedAt ? t("emailedLater") : t("email", { state: e.state });
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

export interface VideoProgress {
  title: string;
  percent: number;
  finished: boolean;
}

/** A share's progress on each uploaded video of its session, in order. */
export function progressRows(
  shareId: string,
  videos: { id: string; title: string; status: string }[],
  progress: Map<string, { percent: number; finishedAt: Date | null }>,
): VideoProgress[] {
  return videos
    .filter((v) => v.status === "ready")
    .map((v) => {
      const p = progress.get(`${shareId}:${v.id}`);
      return { title: v.title, percent: p?.percent ?? 0, finished: !!p?.finishedAt };
    });
}

/** % watched over the session's videos (from the player's progress beacons), and per video when there are several. */
function Watched({ videos }: { videos: VideoProgress[] }) {
  const t = useTranslations("shareStatus");
  if (videos.length === 0) return null;
  const percent = Math.round(videos.reduce((sum, v) => sum + v.percent, 0) / videos.length);
  const finished = videos.every((v) => v.finished);
  return (
    <span
      data-testid="st-percent"
      data-percent={percent}
      className={finished ? "text-green-700" : percent ? "text-zinc-700" : "text-zinc-600"}
    >
      {finished ? t("finished") : t("percent", { percent })}
      {videos.length > 1 && <span className="text-xs text-zinc-600"> ({videos.map((v, i) => `${i + 1}: ${v.percent}%`).join(", ")})</span>}
    </span>
  );
}

/** A session's students, one row each with its link's state and what they watched; the list the trainer's pages share. */
export function StudentRows({
  shares,
  activity,
  now,
  actions,
  videos,
  progress,
  className = "divide-y divide-zinc-100 text-sm",
}: {
  shares: Share[];
  activity: Map<string, ShareActivity>;
  now: Date;
  actions: boolean;
  videos: { id: string; title: string; status: string }[];
  progress: Map<string, { percent: number; finishedAt: Date | null }>;
  className?: string;
}) {
  return (
    <ul className={className}>
      {shares.map((s) => (
        <StudentRow
          key={s.id}
          share={s}
          activity={activity.get(s.id)!}
          now={now}
          actions={actions}
          progress={progressRows(s.id, videos, progress)}
        />
      ))}
    </ul>
  );
}

export function StudentRow({
  share,
  activity,
  now,
  actions,
  progress = [],
}: {
  share: Share;
  activity: ShareActivity;
  now: Date;
  actions: boolean;
  progress?: VideoProgress[];
}) {
  const t = useTranslations("shareStatus");
  const revoked = !!share.revokedAt;
  const expired = share.expiresAt <= now;
  return (
    <li
      data-testid="share-row"
      data-email={share.recipientEmail}
      className="flex flex-col gap-1 py-2 sm:flex-row sm:items-center sm:justify-between"
    >
      <div>
        <Link href={`/trainer/students/${encodeURIComponent(share.recipientEmail)}`} className="font-medium underline">
          {share.recipientName ?? share.recipientEmail}
        </Link>
        {share.recipientName && <span className="text-zinc-600"> · {share.recipientEmail}</span>}
        <span className="text-zinc-600" data-testid="st-language">
          {" "}
          · {isLocale(share.language) ? LANGUAGE_NAMES[share.language] : t("languageAuto")}
        </span>
        <div className="flex flex-wrap gap-x-3 text-xs sm:text-sm">
          <EmailStep a={activity} share={share} />
          <Step label={t("opened")} at={activity.opened} testId="st-opened" />
          <Step label={t("watched")} at={activity.watched} testId="st-watched" />
          <Watched videos={progress} />
          <Step label={t("downloaded")} at={activity.downloaded} testId="st-downloaded" />
          <span
            className={revoked || expired ? "text-red-700" : "text-zinc-600"}
            data-testid="st-link"
            data-expires={share.expiresAt.toISOString()}
          >
            {revoked ? t("revoked") : expired ? t("expired") : t("until", { date: share.expiresAt.toISOString().slice(0, 10) })}
          </span>
        </div>
      </div>
      {actions && <ShareActions shareId={share.id} revoked={revoked} email={share.recipientEmail} />}
    </li>
  );
}
