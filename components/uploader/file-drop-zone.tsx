"use client";
// Where videos come in: dropped on the zone or chosen with the file dialog.
import { useLocale, useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { ACCEPT_ATTRIBUTE, formatBytes } from "@/lib/uploads/rules";

export function FileDropZone({ maxBytes, onFiles }: { maxBytes: number; onFiles: (files: FileList) => void }) {
  const t = useTranslations("upload");
  const locale = useLocale();
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  return (
    <div
      onDragOver={(e) => (e.preventDefault(), setDragging(true))}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        onFiles(e.dataTransfer.files);
      }}
      className={`flex flex-col items-center justify-center rounded-xl border-2 border-dashed p-8 text-center ${dragging ? "border-brand bg-orange-50" : "border-zinc-300"}`}
    >
      <p className="font-medium">{t("drop")}</p>
      <p className="mt-1 text-sm text-zinc-600">{t("types", { max: formatBytes(maxBytes, locale) })}</p>
      <button
        type="button"
        onClick={() => fileInput.current?.click()}
        className="mt-3 rounded-lg border border-zinc-300 px-4 py-2 font-medium hover:bg-zinc-50"
      >
        {t("choose")}
      </button>
      <input
        ref={fileInput}
        type="file"
        multiple
        accept={ACCEPT_ATTRIBUTE}
        className="sr-only"
        aria-label={t("files")}
        onChange={(e) => {
          if (e.target.files) onFiles(e.target.files);
          e.target.value = "";
        }}
      />
    </div>
  );
}
