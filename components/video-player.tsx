"use client";
// The in-browser player. Shows the poster at once and fetches only metadata
// until the student presses play; picks the 720p rendition on phones and 1080p
// on large screens, with a quality menu (the original too, when this browser
// says it can decode it). A <video> that has sound but no picture (videoWidth 0
// after loadedmetadata: HEVC in a browser without the decoder raises no error)
// is treated as unplayable: we say so, offer the rendition or the download, and
// never report the playback.
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";
import type { Playback } from "@/lib/videos/playback";
import { sendEvent } from "./api-client";
import {
  canDecode,
  cannotPlay,
  firstChoice,
  isLargeScreen,
  originalSource as originalEntry,
  pictureFallback,
  playerSources,
  PREPARING_POLL_MS,
  sourceType,
  type PlayerSource,
} from "./player/sources";
import { storyboardTile, timeAtPointer } from "./player/timeline";
import { useWatchProgress } from "./watch-progress";
import { useFreshMediaUrls } from "./use-fresh-media-urls";

export type { PlayerSource };

/** What lib/videos' playback gives a viewer, plus where this page downloads and reports to. */
export type PlayerProps = Omit<Playback, "chapters"> & {
  downloadHref: string;
  /** Where playback start is reported; none for the trainer's own viewing. */
  eventUrl?: string;
  eventBody: Record<string, string>;
  /** Coaching hooks (components/coaching): the <video> element; a layer over the picture (absolute, aspect-video); a strip under it. */
  onVideoElement?: (video: HTMLVideoElement | null) => void;
  overlay?: React.ReactNode;
  timeline?: React.ReactNode;
};

export function VideoPlayer(props: PlayerProps) {
  const t = useTranslations("player");
  const router = useRouter();
  const video = useRef<HTMLVideoElement>(null);
  const reported = useRef(false);
  const resumeAt = useRef<{ time: number; play: boolean } | null>(null);
  // Short-lived URLs, re-signed before they expire (or after a load error).
  const fresh = useFreshMediaUrls(props, props.eventBody, video, resumeAt);
  const p = fresh.urls;
  // Chosen after mount (it depends on the screen and the browser's decoders), and kept
  // across the page's refreshes: those re-sign every URL, which must not restart playback.
  const [selected, setSelected] = useState<PlayerSource | null>(null);
  const [originalDecodable, setOriginalDecodable] = useState(false);
  const [noPicture, setNoPicture] = useState<string | null>(null);
  const [mounted, setMounted] = useState(false);
  const [videoElement, setVideoElementState] = useState<HTMLVideoElement | null>(null);
  // % watched for the trainer: the slices of the video actually played.
  useWatchProgress(videoElement, (slices) =>
    p.eventUrl ? sendEvent(p.eventUrl, { ...p.eventBody, kind: "progress", slices }) : undefined,
  );
  const { onVideoElement } = props;
  const setVideoElement = useCallback(
    (el: HTMLVideoElement | null) => {
      video.current = el;
      setVideoElementState(el);
      onVideoElement?.(el);
    },
    [onVideoElement],
  );

  const originalSource = originalEntry(p.original, t("original"));
  const sources = playerSources(p.renditions, originalSource, originalDecodable);
  const renditionNames = p.renditions.map((r) => r.name).join(",");

  useEffect(() => {
    const decodable = canDecode(p.original.type);
    setOriginalDecodable(decodable);
    setMounted(true);
    if (selected) return;
    const pick = firstChoice(p.renditions, originalSource, decodable, isLargeScreen(window));
    if (pick) setSelected(pick);
    // Re-run when a rendition appears, not when a refresh re-signs the URLs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [p.original.type, renditionNames, selected]);

  // While the phone version is being made, look again every 10 s.
  useEffect(() => {
    if (!p.preparing) return;
    const timer = setInterval(() => router.refresh(), PREPARING_POLL_MS);
    return () => clearInterval(timer);
  }, [p.preparing, router]);

  // The selection by name, with its freshest URL (a changed <source> src only applies at the next load()).
  const current = selected && (sources.find((s) => s.name === selected.name) ?? selected);
  const fallback = pictureFallback(p.renditions, noPicture);

  const switchTo = (name: string) => {
    const next = sources.find((s) => s.name === name);
    if (!next) return;
    const v = video.current;
    if (v) resumeAt.current = { time: v.currentTime, play: !v.paused };
    setNoPicture(null);
    setSelected(next);
  };

  if (cannotPlay({ noPicture, started: mounted, selected, renditions: p.renditions, originalDecodable, preparing: p.preparing }))
    return (
      <div role="alert" data-testid="cannot-play" className="rounded-xl bg-zinc-900 p-6 text-center text-white">
        <p className="font-semibold">{t("noPicture")}</p>
        <p className="mt-1 text-sm text-zinc-300">
          {t("hevc")} {fallback ? t("tryRendition") : t("tryDownload")}
        </p>
        {fallback && (
          <button
            type="button"
            data-testid="play-rendition"
            className="mt-3 rounded-lg bg-white px-4 py-2 font-semibold text-zinc-900"
            onClick={() => switchTo(fallback.name)}
          >
            {t("playRendition", { label: fallback.label })}
          </button>
        )}
      </div>
    );

  if (!current)
    return (
      <div data-testid="preparing" className="relative aspect-video w-full overflow-hidden rounded-xl bg-zinc-900 text-white">
        {p.poster && (
          // eslint-disable-next-line @next/next/no-img-element
          <img src={p.poster} alt="" className="absolute inset-0 h-full w-full object-cover opacity-40" />
        )}
        <div className="relative flex h-full flex-col items-center justify-center p-6 text-center">
          <p className="font-semibold">{p.preparing ? t("preparing") : t("loading")}</p>
          <p className="mt-1 text-sm text-zinc-300">{t("downloadMeanwhile")}</p>
        </div>
      </div>
    );

  return (
    <div className="relative">
      <video
        ref={setVideoElement}
        key={current.name}
        data-testid="player"
        data-source={current.name}
        controls
        playsInline
        preload="metadata"
        poster={p.poster ?? undefined}
        className="aspect-video w-full rounded-xl bg-black"
        {...fresh.videoEvents}
        onLoadedMetadata={(e) => {
          const v = e.currentTarget;
          // Sound without picture: the decoder is missing, and the browser says nothing.
          if (v.videoWidth === 0) {
            setNoPicture(current.name);
            return;
          }
          const resume = resumeAt.current;
          resumeAt.current = null;
          if (resume) {
            v.currentTime = resume.time;
            if (resume.play) void v.play().catch(() => {});
          }
        }}
        onError={() => fresh.recover() || setNoPicture(current.name)}
        onPlaying={(e) => {
          if (reported.current || !p.eventUrl || e.currentTarget.videoWidth === 0) return;
          reported.current = true;
          sendEvent(p.eventUrl, { ...p.eventBody, kind: "play" });
        }}
      >
        <source src={current.url} type={sourceType(current.type)} onError={() => fresh.recover() || setNoPicture(current.name)} />
      </video>
      {p.overlay}
      {p.timeline}
      {fresh.withdrawn && (
        <p role="alert" data-testid="withdrawn" className="mt-2 text-sm text-amber-700">
          {t("withdrawn")}
        </p>
      )}
      {p.storyboard && p.durationSeconds ? <ScrubPreview storyboard={p.storyboard} duration={p.durationSeconds} video={video} /> : null}
      <div className="mt-2 flex flex-wrap items-center gap-3 text-sm text-zinc-700">
        {sources.length > 1 && (
          <label className="flex items-center gap-2">
            {t("quality")}
            <select
              data-testid="quality"
              value={current.name}
              onChange={(e) => switchTo(e.target.value)}
              className="rounded border border-zinc-300 bg-white px-2 py-1"
            >
              {sources.map((s) => (
                <option key={s.name} value={s.name}>
                  {s.label}
                </option>
              ))}
            </select>
          </label>
        )}
        {p.preparing && p.renditions.length === 0 && (
          <span data-testid="preparing-note" className="text-amber-700">
            {t("preparingNote")}
          </span>
        )}
      </div>
    </div>
  );
}

/** Scrub previews: hover (or drag a finger) along the bar to see the storyboard tile; tap to seek. */
function ScrubPreview({
  storyboard: s,
  duration,
  video,
}: {
  storyboard: NonNullable<PlayerProps["storyboard"]>;
  duration: number;
  video: React.RefObject<HTMLVideoElement | null>;
}) {
  const [at, setAt] = useState<number | null>(null);
  const timeAt = (e: React.MouseEvent<HTMLDivElement>) => timeAtPointer(e.clientX, e.currentTarget.getBoundingClientRect(), duration);
  return (
    <div
      data-testid="scrubber"
      // A pointer-only extra: keyboard and screen-reader users seek with the video's own controls (an aria-label on a plain div is invalid).
      aria-hidden="true"
      className="relative mt-2 h-3 cursor-pointer rounded bg-zinc-200"
      onPointerMove={(e) => setAt(timeAt(e))}
      onPointerLeave={() => setAt(null)}
      onClick={(e) => {
        if (video.current) video.current.currentTime = timeAt(e);
      }}
    >
      {at !== null && (
        <div
          data-testid="scrub-preview"
          className="pointer-events-none absolute bottom-4 -translate-x-1/2 rounded border border-white shadow"
          style={storyboardTile(s, at, duration)}
        />
      )}
    </div>
  );
}
