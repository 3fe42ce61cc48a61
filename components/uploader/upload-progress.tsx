"use client";
// The right-hand panel: overall progress, then one row per file with its bar, speed,
// time left, error and pause / resume / cancel.
import { useLocale, useTranslations } from "next-intl";
import { formatBytes } from "@/lib/uploads/rules";
import type { JobSnapshot, UploadJob } from "./engine";
import { uploadMessageText } from "./errors";
import { formatDuration } from "./format";
import { useQueueView, type QueueEntry, type QueueTotals } from "./use-upload-queue";

/** The progress list, subscribed to the queue on its own (the form around it does not re-render with it). */
export function LiveUploadProgress() {
  const { entries, totals, offline } = useQueueView();
  return <UploadProgress entries={entries} totals={totals} offline={offline} />;
}

export function UploadProgress({ entries, totals, offline }: { entries: QueueEntry[]; totals: QueueTotals; offline?: boolean }) {
  const t = useTranslations("progress");
  const locale = useLocale();
  const size = (n: number) => formatBytes(n, locale);
  return (
    <section aria-label={t("label")} className="rounded-xl border border-zinc-200 bg-white p-5">
      <h2 className="font-semibold">{t("heading")}</h2>
      {entries.length === 0 ? (
        <p className="mt-2 text-sm text-zinc-600">{t("empty")}</p>
      ) : (
        <>
          {offline && (
            <p className="mt-2 rounded-lg bg-amber-50 p-2 text-sm text-amber-950" data-testid="offline-notice">
              {t("offlineNotice")}
            </p>
          )}
          <p className="mt-2 text-sm text-zinc-700" data-testid="overall-progress">
            {t("overall", { sent: size(totals.sent), size: size(totals.size), speed: size(totals.bps) })}
            {totals.bps > 0 && totals.size > totals.sent
              ? ` · ${t("left", { time: formatDuration((totals.size - totals.sent) / totals.bps) })}`
              : ""}
          </p>
          <ul className="mt-3 space-y-4">
            {entries.map(({ snapshot, job }) => (
              <QueueRow key={snapshot.key} s={snapshot} job={job} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function QueueRow({ s, job }: { s: JobSnapshot; job: Pick<UploadJob, "pause" | "resume" | "cancel"> }) {
  const t = useTranslations("progress");
  const tError = useTranslations("uploadErrors");
  const locale = useLocale();
  const size = (n: number) => formatBytes(n, locale);
  const pct = s.size ? Math.floor((s.sentBytes / s.size) * 100) : 0;
  return (
    <li data-testid="upload-job" data-state={s.state} data-offline={s.offline ? "yes" : "no"} className="text-sm">
      <div className="flex justify-between gap-2">
        <span className="truncate font-medium">{s.fileName}</span>
        <span className="shrink-0" data-testid="job-state">
          {s.offline ? t("offline") : t("state", { state: s.state })}
        </span>
      </div>
      <div
        className="mt-1 h-2 overflow-hidden rounded bg-zinc-200"
        role="progressbar"
        aria-valuenow={pct}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-label={t("fileLabel", { file: s.fileName })}
      >
        {/* Scaled, not resized: a transform is the compositor's job, so an update costs no layout. No transition: an
            animated bar is redrawn every frame for as long as the upload runs (bench:upload's tab and browser CPU). */}
        <div className="h-full origin-left bg-brand" style={{ transform: `scaleX(${pct / 100})` }} />
      </div>
      <div className="mt-1 flex flex-wrap justify-between gap-2 text-zinc-600">
        <span>
          {t("file", { sent: size(s.sentBytes), size: size(s.size), pct })}
          {s.resumed ? ` · ${t("resumed")}` : ""}
        </span>
        {s.state === "uploading" && !s.offline && (
          <span>
            {t("speed", { speed: size(s.bytesPerSecond) })} · {t("left", { time: formatDuration(s.secondsLeft) })}
          </span>
        )}
      </div>
      {s.error && (
        <p role="alert" className="mt-1 text-red-700">
          {uploadMessageText(tError, locale, s.error)}
        </p>
      )}
      <div className="mt-1 flex gap-3">
        {(s.state === "uploading" || s.state === "preparing") && (
          <button type="button" className="underline" onClick={() => job.pause()}>
            {t("pause")}
          </button>
        )}
        {(s.state === "paused" || (s.state === "error" && s.canRetry)) && (
          <button type="button" className="underline" onClick={() => job.resume()}>
            {s.state === "error" ? t("retry") : t("resume")}
          </button>
        )}
        {s.state !== "done" && s.state !== "canceled" && (
          <button type="button" className="text-red-700 underline" onClick={() => void job.cancel()}>
            {s.state === "error" && !s.canRetry ? t("remove") : t("cancel")}
          </button>
        )}
      </div>
    </li>
  );
}
