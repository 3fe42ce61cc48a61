"use client";
// Media URLs die a few minutes after they are signed (MEDIA_URL_TTL_SECONDS, ≤ 30 min), so a
// revoked or expired link stops playing soon. This hook keeps a player going meanwhile: shortly
// before the URLs the <video> loaded expire — or when it fails to load, e.g. a tab that slept
// past them — it asks POST /api/playback for fresh ones and reloads the same source at the same
// time, paused or playing as it was. A share that is no longer live gets no new URLs.
import { useCallback, useEffect, useRef, useState, type RefObject } from "react";
import type { Playback } from "@/lib/videos/playback";
import { apiCall, ApiError } from "./api-client";

type MediaUrls = Pick<Playback, "poster" | "renditions" | "original" | "storyboard" | "urlsExpireInSeconds">;
type Resume = { time: number; play: boolean } | null;

const RETRY_MS = 30_000;

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
  // When the URLs the <video> has loaded die (this browser's clock).
  const [loadedExpiry, setLoadedExpiry] = useState<number | null>(null);
  const propsSeenAt = useRef(new Map<string, number>());
  // Load attempts of the <video> (loadstart), and the one a recovery is already renewing for.
  const loads = useRef(0);
  const recovering = useRef<{ load: number; tries: number }>({ load: -1, tries: 0 });
  const renewing = useRef(false);
  const current = fetched?.forProps === props.original.url ? fetched : null;
  const urls: P = current ? { ...props, ...current.urls } : props;
  const ttlMs = urls.urlsExpireInSeconds * 1000;
  const margin = Math.min(120_000, ttlMs / 4);
  const viewerKey = JSON.stringify(viewer);

  const renew = useCallback(async () => {
    if (renewing.current) return;
    renewing.current = true;
    const signedAt = Date.now();
    try {
      const next = await apiCall<MediaUrls>("POST", "/api/playback", JSON.parse(viewerKey));
      setFetched({ urls: next, forProps: props.original.url, signedAt });
      setReloads((n) => n + 1);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setWithdrawn(true);
      else setTimeout(() => void renew(), RETRY_MS); // offline or busy: the URLs in hand may still have minutes left
    } finally {
      renewing.current = false;
    }
  }, [viewerKey, props.original.url]);

  // Shortly before the loaded URLs die, fetch fresh ones (a tab in the background may fire late: then the error path recovers).
  useEffect(() => {
    if (loadedExpiry === null || withdrawn) return;
    const timer = setTimeout(() => void renew(), Math.max(0, loadedExpiry - margin - Date.now()));
    return () => clearTimeout(timer);
  }, [loadedExpiry, margin, renew, withdrawn]);

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
        loads.current++;
        const seen = propsSeenAt.current;
        if (!seen.has(props.original.url)) seen.set(props.original.url, Date.now());
        setLoadedExpiry((current?.signedAt ?? seen.get(props.original.url)!) + ttlMs);
      },
      // Metadata arrived: this load works (durationchange also fires where a phone preloads nothing more).
      onDurationChange: () => {
        recovering.current = { load: -1, tries: 0 };
      },
    },
    /**
     * A media error (the <source> and the <video> may both report one): maybe the URLs expired.
     * Fetches fresh ones once per failed load and answers true; a load that fails again with fresh
     * URLs is the player's to explain (false).
     */
    recover: (): boolean => {
      const r = recovering.current;
      if (r.load === loads.current) return true;
      if (withdrawn || r.tries >= 1) return false;
      recovering.current = { load: loads.current, tries: r.tries + 1 };
      void renew();
      return true;
    },
  };
}
