// One video of a session on the trainer's pages: thumbnail, status, phone
// version, and resume/discard (unfinished) or delete.
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { LocalTime } from "./local-time";
import type { MediaState } from "@/lib/videos/playback";
import { formatBytes } from "@/lib/uploads/rules";
import { UnfinishedUploadActions, UploadingPercent } from "./uploader/unfinished-upload";
import { MediaStatus } from "./media-status";
import { DeleteVideoButton } from "./share-actions";

export interface VideoRowData {
  id: string;
  title: string;
  status: "uploading" | "ready" | "failed" | "deleted";
  sizeBytes: number;
  uploadedBytes: number;
  expiresAt: Date | null;
  chapterCount: number;
}

export function SessionVideoRow({ v, index, thumb, media }: { v: VideoRowData; index: number; thumb?: string; media: MediaState }) {
  const t = useTranslations("videoRow");
  const locale = useLocale();
  const pct = Math.floor((v.uploadedBytes / v.sizeBytes) * 100);
  return (
    <li data-testid="video-row" data-video-id={v.id} className="flex gap-4 py-2">
      <div className="h-16 w-28 shrink-0 overflow-hidden rounded-lg bg-zinc-200">
        {/* eslint-disable-next-line @next/next/no-img-element */}
        {thumb && <img src={thumb} alt="" className="h-full w-full object-cover" width={112} height={64} />}
      </div>
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h3 className="truncate font-semibold" data-testid="video-title">
            {index + 1}. {v.title}
          </h3>
          <span
            data-testid="video-status"
            className={v.status === "ready" ? "text-green-700" : v.status === "failed" ? "text-red-700" : "text-amber-700"}
          >
            {v.status === "uploading" ? <UploadingPercent videoId={v.id} percent={pct} /> : t("status", { status: v.status })}
          </span>
        </div>
        <p className="text-sm text-zinc-600">
          {formatBytes(v.sizeBytes, locale)}
          {v.chapterCount > 1 ? ` · ${t("chapters", { count: v.chapterCount })}` : ""}
          {v.expiresAt ? ` · ${t("deletedAfter")} ` : ""}
          {v.expiresAt ? <LocalTime at={v.expiresAt} /> : null}
        </p>
        <MediaStatus videoId={v.id} media={JSON.parse(JSON.stringify(media))} />
        {v.status === "uploading" ? (
          <UnfinishedUploadActions videoId={v.id} title={v.title} />
        ) : (
          <div className="mt-1 flex gap-3 text-sm">
            {v.status === "ready" && (
              <Link href={`/trainer/videos/${v.id}`} className="font-medium text-brand underline">
                {t("watch")}
              </Link>
            )}
            <DeleteVideoButton videoId={v.id} title={v.title} />
          </div>
        )}
      </div>
    </li>
  );
}
