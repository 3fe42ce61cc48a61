import { useTranslations } from "next-intl";

/** Uploads per week as a tiny bar chart (server-rendered SVG, no chart library). */
export function WeeklyChart({ weeks }: { weeks: { start: string; count: number }[] }) {
  const t = useTranslations("dashboard");
  const max = Math.max(1, ...weeks.map((w) => w.count));
  const W = 24;
  const H = 48;
  return (
    <figure>
      <svg
        viewBox={`0 0 ${weeks.length * W} ${H + 14}`}
        className="h-16 w-full max-w-xs"
        role="img"
        aria-label={t("chartLabel", { weeks: weeks.map((w) => `${w.start}: ${w.count}`).join(", ") })}
      >
        {weeks.map((w, i) => {
          const h = Math.round((w.count / max) * H);
          return (
            <g key={w.start}>
              <rect
                x={i * W + 4}
                y={H - h}
                width={W - 8}
                height={Math.max(h, 1)}
                rx={2}
                className={w.count ? "fill-brand" : "fill-zinc-200"}
              />
              <text x={i * W + W / 2} y={H + 12} textAnchor="middle" className="fill-zinc-500 text-[9px]">
                {w.count}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="text-xs text-zinc-500">{t("chartCaption")}</figcaption>
    </figure>
  );
}
