"use client";
// The notes beside/under the video: time, text (as text), who it is for. The one
// playback is in is highlighted; pressing a note seeks to it.
import { useTranslations } from "next-intl";
import { formatMoment } from "@/lib/coaching/moments";
import type { NoteView } from "@/lib/coaching/moments";

export function NoteList({
  notes,
  currentId,
  onSeek,
  audienceLabel,
  actions,
}: {
  notes: NoteView[];
  currentId: string | null;
  onSeek: (seconds: number) => void;
  audienceLabel: (note: NoteView) => string | null;
  actions?: (note: NoteView) => React.ReactNode;
}) {
  const t = useTranslations("coaching");
  if (notes.length === 0) return <p className="text-sm text-zinc-600">{t("noNotes")}</p>;
  return (
    <ol aria-label={t("notesList")} className="space-y-2">
      {notes.map((n) => {
        const current = n.id === currentId;
        const audience = audienceLabel(n);
        return (
          <li
            key={n.id}
            data-testid="note-item"
            data-current={current ? "yes" : "no"}
            aria-current={current ? "true" : undefined}
            className={`rounded-lg border p-2 ${current ? "border-brand bg-orange-50" : "border-zinc-200 bg-white"}`}
          >
            <button
              type="button"
              data-testid="note-seek"
              onClick={() => onSeek(n.atSeconds)}
              className="flex w-full items-baseline gap-2 text-left focus:outline-none focus-visible:ring-2 focus-visible:ring-brand"
            >
              <span className="shrink-0 font-mono text-sm font-semibold text-brand">
                {formatMoment(n.atSeconds)}
                {n.endSeconds != null ? `–${formatMoment(n.endSeconds)}` : ""}
              </span>
              <span data-testid="note-text" className="min-w-0 flex-1 whitespace-pre-wrap break-words text-zinc-800">
                {n.text}
              </span>
            </button>
            <div className="mt-1 flex flex-wrap items-center gap-2 text-xs text-zinc-500">
              {audience && <span data-testid="note-audience">{audience}</span>}
              {n.drawing && <span>{t("drawing")}</span>}
              {actions?.(n)}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
