"use client";
// Files the upload page would not take (wrong type, empty, too big), each with the reason.
// They are never queued, so there is nothing to retry.
import { useLocale, useTranslations } from "next-intl";
import { uploadMessageText, type UploadMessage } from "./errors";

export interface RefusedFile {
  name: string;
  reason: UploadMessage;
}

export function RefusedFiles({ refused, onDismiss }: { refused: RefusedFile[]; onDismiss: () => void }) {
  const t = useTranslations("upload");
  const tError = useTranslations("uploadErrors");
  const locale = useLocale();
  if (refused.length === 0) return null;
  return (
    <div role="alert" className="mt-4 rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900" data-testid="refused-files">
      <p className="font-semibold">{t("refused", { count: refused.length })}</p>
      <ul className="mt-1 list-disc pl-5">
        {refused.map((r, i) => (
          <li key={`${r.name}-${i}`}>{uploadMessageText(tError, locale, r.reason)}</li>
        ))}
      </ul>
      <button type="button" className="mt-2 underline" onClick={onDismiss}>
        {t("ok")}
      </button>
    </div>
  );
}
