"use client";
// After a reload (or on another day) the upload page lists the trainer's unfinished
// uploads from the server and asks for the same file again, checked by name and size;
// then the upload continues where the ledger says it stopped. Uploads this tab is
// still sending are not listed (they are in the queue).
import { useTranslations } from "next-intl";
import { useState } from "react";
import { formatBytes } from "@/lib/uploads/rules";
import { DiscardUploadButton } from "../discard-upload-button";
import type { ResumableUpload } from "./upload-form";
import { useUploads } from "./use-upload-queue";

interface Props {
  resumable: ResumableUpload[];
  /** The upload the trainer came to resume (the dashboard's Resume link): shown first. */
  highlightId?: string;
  onResume: (file: File, upload: ResumableUpload) => void;
}

export function UnfinishedUploads({ resumable, highlightId, onResume }: Props) {
  const t = useTranslations("unfinished");
  const view = useUploads();
  const inThisTab = new Set(view.snapshots.filter((s) => s.state !== "canceled").map((s) => s.videoId));
  const list = resumable
    .filter((r) => !inThisTab.has(r.videoId))
    .sort((a, b) => +(b.videoId === highlightId) - +(a.videoId === highlightId));
  if (list.length === 0) return null;
  return (
    <section aria-labelledby="unfinished-heading" className="mb-5 rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-950">
      <h2 id="unfinished-heading" className="font-semibold">
        {t("heading", { count: list.length })}
      </h2>
      <p className="mt-1 text-sm">{t("help")}</p>
      <ul className="mt-3 space-y-3">
        {list.map((r) => (
          <UnfinishedRow key={r.videoId} upload={r} onResume={onResume} />
        ))}
      </ul>
    </section>
  );
}

function UnfinishedRow({ upload: r, onResume }: { upload: ResumableUpload; onResume: Props["onResume"] }) {
  const t = useTranslations("unfinished");
  const [problem, setProblem] = useState<string | null>(null);
  const label = t("chooseAgain", { file: r.fileName });
  return (
    <li
      data-testid="unfinished-upload"
      data-video-id={r.videoId}
      className="rounded-lg border border-amber-200 bg-white p-3 text-sm text-zinc-900"
    >
      <p className="font-medium">{r.title}</p>
      <p className="text-zinc-700">
        {t("details", { file: r.fileName, size: formatBytes(r.size), percent: r.percent, students: r.session.students.join(", ") })}
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <label className="cursor-pointer rounded-lg bg-brand px-3 py-1.5 font-semibold text-white focus-within:outline-2 focus-within:outline-offset-2 focus-within:outline-brand hover:bg-brand-dark">
          {label}
          <input
            type="file"
            className="sr-only"
            aria-label={label}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = "";
              if (!file) return;
              if (file.name !== r.fileName || file.size !== r.size) {
                setProblem(
                  t("wrongFile", {
                    file: file.name,
                    size: formatBytes(file.size),
                    expected: r.fileName,
                    expectedSize: formatBytes(r.size),
                  }),
                );
                return;
              }
              setProblem(null);
              onResume(file, r);
            }}
          />
        </label>
        <DiscardUploadButton videoId={r.videoId} title={r.title} />
      </div>
      {problem && (
        <p role="alert" className="mt-2 text-red-700">
          {problem}
        </p>
      )}
    </li>
  );
}
