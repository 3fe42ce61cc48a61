"use client";
// The videos chosen but not yet uploading: each gets a title, its own error, a remove button.
import { useLocale, useTranslations } from "next-intl";
import { formatBytes, goProChapter } from "@/lib/uploads/rules";
import { uploadMessagesText, type UploadMessage } from "./errors";
import { fieldClass } from "./field";

export interface PickedFile {
  file: File;
  title: string;
  /** What is wrong with it (checked when the upload starts). */
  error?: UploadMessage[];
}

interface Props {
  picked: PickedFile[];
  onTitle: (index: number, title: string) => void;
  onRemove: (index: number) => void;
}

/** Chapter 2, 3… of a GoPro recording whose other chapters are picked too: it takes the recording's title. */
function isLaterChapter(p: PickedFile, picked: PickedFile[]): boolean {
  const c = goProChapter(p.file.name);
  return !!c && c.chapter > 1 && picked.some((o) => o !== p && goProChapter(o.file.name)?.recording === c.recording);
}

export function PickedFiles({ picked, onTitle, onRemove }: Props) {
  const t = useTranslations("upload");
  const tError = useTranslations("uploadErrors");
  const locale = useLocale();
  if (picked.length === 0) return null;
  return (
    <ul className="mt-4 space-y-3" aria-label={t("selected")}>
      {picked.map((p, i) => (
        <li key={`${p.file.name}-${i}`} className="rounded-lg border border-zinc-200 p-3">
          <div className="flex items-center justify-between text-sm text-zinc-600">
            <span className="truncate">{p.file.name}</span>
            <span className="ml-2 shrink-0">{formatBytes(p.file.size, locale)}</span>
          </div>
          {isLaterChapter(p, picked) ? (
            <p className="mt-2 text-sm text-zinc-700" data-testid="chapter-note">
              {t("laterChapter", { chapter: goProChapter(p.file.name)!.chapter })}
            </p>
          ) : (
            <label className="mt-2 block text-sm font-medium">
              {t("videoTitle")}
              <input
                className={fieldClass}
                value={p.title}
                placeholder={goProChapter(p.file.name) ? t("goProPlaceholder") : undefined}
                onChange={(e) => onTitle(i, e.target.value)}
              />
            </label>
          )}
          {p.error && (
            <p role="alert" className="mt-2 text-sm text-red-700">
              {uploadMessagesText(tError, locale, p.error)}
            </p>
          )}
          <button type="button" className="mt-2 text-sm text-zinc-600 underline" onClick={() => onRemove(i)}>
            {t("remove")}
          </button>
        </li>
      ))}
    </ul>
  );
}
