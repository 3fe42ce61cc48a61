"use client";
// The in-browser player. Streams the original from S3 (Range requests make
// seeking work), reports the first playback once, and says so plainly when
// this browser cannot decode the format — the download stays offered.
import { useEffect, useRef, useState } from "react";
import { sendEvent } from "./api-client";

export function VideoPlayer({
  src,
  type,
  eventUrl,
  eventBody,
}: {
  src: string;
  type: string;
  eventUrl: string;
  eventBody: Record<string, string>;
}) {
  const [unplayable, setUnplayable] = useState(false);
  const reported = useRef(false);
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    // The browser may have given up before hydration attached onError.
    const v = video.current;
    if (v && (v.error || v.networkState === HTMLMediaElement.NETWORK_NO_SOURCE)) setUnplayable(true);
  }, []);
  if (unplayable)
    return (
      <div role="alert" data-testid="cannot-play" className="rounded-xl bg-zinc-900 p-6 text-center text-white">
        <p className="font-semibold">This browser can’t play this video format.</p>
        <p className="mt-1 text-sm text-zinc-300">
          GoPro cameras often record HEVC (H.265). Download the file and play it on your device instead.
        </p>
      </div>
    );
  return (
    <video
      ref={video}
      data-testid="player"
      controls
      playsInline
      preload="metadata"
      className="aspect-video w-full rounded-xl bg-black"
      onError={() => setUnplayable(true)}
      onPlay={() => {
        if (reported.current) return;
        reported.current = true;
        sendEvent(eventUrl, { ...eventBody, kind: "play" });
      }}
    >
      <source src={src} type={type === "video/quicktime" ? "video/mp4" : type} onError={() => setUnplayable(true)} />
    </video>
  );
}
