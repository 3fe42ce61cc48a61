"use client";
// Markers on the timeline: one button per note (or HiLight), placed at its time;
// pressing one seeks there. A strip under the picture, as wide as the video.
import { useTranslations } from "next-intl";
import { formatMoment } from "@/lib/coaching/moments";
import { percentAlong } from "@/components/player/timeline";

export interface Marker {
  id: string;
  atSeconds: number;
  label: string;
  kind: "note" | "question" | "hilight";
  active?: boolean;
}

const KIND_CLASS: Record<Marker["kind"], string> = {
  note: "bg-brand",
  question: "bg-sky-600",
  hilight: "bg-amber-400",
};

export function MarkerBar({
  markers,
  duration,
  onSeek,
}: {
  markers: Marker[];
  duration: number | null;
  onSeek: (seconds: number) => void;
}) {
  const t = useTranslations("coaching");
  if (!duration || markers.length === 0) return null;
  return (
    <div data-testid="marker-bar" aria-label={t("markersLabel")} role="group" className="relative mt-2 h-6 rounded bg-zinc-200">
      {markers.map((m) => (
        <button
          key={`${m.kind}-${m.id}`}
          type="button"
          data-testid={`${m.kind}-marker`}
          data-at={m.atSeconds}
          aria-label={t("markerAt", { label: m.label, at: formatMoment(m.atSeconds) })}
          title={`${formatMoment(m.atSeconds)} — ${m.label}`}
          aria-current={m.active ? "true" : undefined}
          onClick={() => onSeek(m.atSeconds)}
          className={`absolute top-0 h-6 w-3 -translate-x-1/2 rounded-sm ring-offset-1 focus:outline-none focus-visible:ring-2 focus-visible:ring-zinc-900 ${KIND_CLASS[m.kind]} ${m.active ? "ring-2 ring-zinc-900" : ""}`}
          style={{ left: `${percentAlong(m.atSeconds, duration)}%` }}
        />
      ))}
    </div>
  );
}
