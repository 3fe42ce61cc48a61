"use client";
// An unfinished upload on the dashboard. When this tab is sending it, the row shows its
// live percentage and offers no Discard (the trainer would throw away an upload that is
// about to finish); otherwise it offers Resume (on the upload page) and Discard.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { DiscardUploadButton } from "../discard-upload-button";
import type { JobSnapshot } from "./engine";
import { heldUpload } from "./upload-store";
import { useUploads } from "./use-upload-queue";
import { UPLOAD_PAGE } from "./upload-status";

const percentOf = (s: JobSnapshot) => (s.size ? Math.floor((s.sentBytes / s.size) * 100) : 0);

/** "uploading 42%": live from this tab when it holds the upload, else what the server's ledger says. */
export function UploadingPercent({ videoId, percent }: { videoId: string; percent: number }) {
  const t = useTranslations("unfinished");
  const held = heldUpload(useUploads(), videoId);
  if (!held) return <>{t("uploading", { percent })}</>;
  return <>{t(held.state === "paused" ? "uploadingPaused" : "uploading", { percent: percentOf(held) })}</>;
}

export function UnfinishedUploadActions({ videoId, title }: { videoId: string; title: string }) {
  const t = useTranslations("unfinished");
  const held = heldUpload(useUploads(), videoId);
  if (held)
    return (
      <p className="mt-1 text-sm text-zinc-700" data-testid="upload-in-this-tab">
        {t("inThisTab")}{" "}
        <Link href={UPLOAD_PAGE} className="font-medium text-brand-dark underline">
          {t("seeProgress")}
        </Link>
      </p>
    );
  return (
    <div className="mt-1 flex gap-3 text-sm">
      <Link href={`${UPLOAD_PAGE}?resume=${videoId}`} className="font-medium text-brand underline">
        {t("resume")}
      </Link>
      <DiscardUploadButton videoId={videoId} title={title} />
    </div>
  );
}
