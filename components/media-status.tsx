"use client";
// The trainer's line for a video's phone version: preparing (refreshing itself
// until done), ready, or failed with a retry. A refused file says why.
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { LocalTime } from "./local-time";

type State =
  | { state: "none" }
  | { state: "preparing"; emailsBy: string | null }
  | { state: "ready"; playableAt: string | null }
  | { state: "failed"; error: string; refused: boolean };

export function MediaStatus({ videoId, media }: { videoId: string; media: State }) {
  const t = useTranslations("media");
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const preparing = media.state === "preparing";
  useEffect(() => {
    if (!preparing) return;
    const timer = setInterval(() => router.refresh(), 5000);
    return () => clearInterval(timer);
  }, [preparing, router]);
  if (media.state === "none") return null;
  if (media.state === "preparing")
    return (
      <p data-testid="media-status" data-state="preparing" className="text-sm text-amber-700">
        {t("preparing")}
        {media.emailsBy ? <> {t.rich("emailsBy", { time: () => <LocalTime at={media.emailsBy!} style="time" /> })}</> : null}
      </p>
    );
  if (media.state === "ready")
    return (
      <p data-testid="media-status" data-state="ready" className="text-sm text-green-700">
        {t("ready")}
        {media.playableAt ? (
          <>
            {" "}
            (<LocalTime at={media.playableAt} style="time" />)
          </>
        ) : null}
      </p>
    );
  if (media.refused)
    return (
      <p data-testid="media-status" data-state="refused" role="alert" className="text-sm text-red-700">
        {t("refused", { error: media.error ?? "" })}
      </p>
    );
  return (
    <p data-testid="media-status" data-state="failed" className="text-sm text-red-700" title={media.error}>
      {t("failed")}{" "}
      <button
        type="button"
        disabled={busy}
        className="underline disabled:opacity-50"
        onClick={async () => {
          setBusy(true);
          setError(null);
          const res = await fetch(`/api/videos/${videoId}/media`, { method: "POST" });
          if (!res.ok) setError(((await res.json().catch(() => ({}))) as { error?: string }).error ?? `Failed (${res.status}).`);
          setBusy(false);
          router.refresh();
        }}
      >
        {t("retry")}
      </button>
      {error && <span role="alert"> {error}</span>}
    </p>
  );
}
