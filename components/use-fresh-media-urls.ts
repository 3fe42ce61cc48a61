"use client";
// The React player's side of media URL renewal (components/player/url-renewal.ts does the timing
// and the asking): fresh URLs replace the props they were fetched for, and after they are in the
// DOM the <video> reloads the same source at the same time, paused or playing as it was.
import { useEffect, useRef, useState, type RefObject } from "react";
import { MediaUrlRenewal, type MediaUrls } from "./player/url-renewal";

type Resume = { time: number; play: boolean } | null;

export function useFreshMediaUrls<P extends MediaUrls>(
  props: P,
  /** Who the player speaks for: { token } or { shareId }, as the playback beacon. */
  viewer: Record<string, string>,
  video: RefObject<HTMLVideoElement | null>,
  /** The player's "restore this position after loadedmetadata" slot. */
  resumeAt: RefObject<Resume>,
) {
  // Fresh URLs replace the props they were fetched for; props re-rendered by the server are newer still.
  const [fetched, setFetched] = useState<{ urls: MediaUrls; forProps: string; signedAt: number } | null>(null);
  const [withdrawn, setWithdrawn] = useState(false);
  const [reloads, setReloads] = useState(0);
  const propsSeenAt = useRef(new Map<string, number>());
  const forProps = useRef(props.original.url);
  const [renewal] = useState(
    () =>
      new MediaUrlRenewal(viewer, {
        fresh: (urls, signedAt) => {
          setFetched({ urls, forProps: forProps.current, signedAt });
          setReloads((n) => n + 1);
        },
        withdrawn: () => setWithdrawn(true),
      }),
  );
  const viewerKey = JSON.stringify(viewer);
  useEffect(() => {
    forProps.current = props.original.url;
    renewal.viewer = JSON.parse(viewerKey);
  }, [props.original.url, viewerKey, renewal]);
  useEffect(() => () => renewal.stop(), [renewal]);
  const current = fetched?.forProps === props.original.url ? fetched : null;
  const urls: P = current ? { ...props, ...current.urls } : props;
  const ttlMs = urls.urlsExpireInSeconds * 1000;

  // After the fresh src is in the DOM: reload where the viewer was (a <source> change alone does nothing).
  useEffect(() => {
    const v = video.current;
    if (!reloads || !v) return;
    resumeAt.current = { time: v.currentTime, play: !v.paused };
    v.load();
  }, [reloads, video, resumeAt]);

  return {
    urls,
    /** The share was revoked or expired: no new URLs; what is loaded plays until it dies. */
    withdrawn,
    /** Spread on the <video>: notes when its URLs were signed, and that a load worked. */
    videoEvents: {
      onLoadStart: () => {
        const seen = propsSeenAt.current;
        if (!seen.has(props.original.url)) seen.set(props.original.url, Date.now());
        renewal.loadStarted((current?.signedAt ?? seen.get(props.original.url)!) + ttlMs, ttlMs);
      },
      onDurationChange: () => renewal.loadWorked(),
    },
    /** A media error: true while fresh URLs are on their way (once per failed load), false when it is the player's to explain. */
    recover: (): boolean => renewal.recover(),
  };
}
