"use client";
// The coaching layer's view of the player: the <video> element (handed over by
// VideoPlayer's onVideoElement), its current time, duration and paused state, and a
// seek that lands exactly (pauses, so the note's drawing stays on screen).
import { useCallback, useEffect, useState } from "react";
import { knownDuration, seekAndPause } from "@/components/player/timeline";

export interface VideoClock {
  attach: (el: HTMLVideoElement | null) => void;
  element: HTMLVideoElement | null;
  time: number;
  duration: number | null;
  paused: boolean;
  seek: (seconds: number) => void;
}

export function useVideoClock(fallbackDuration: number | null): VideoClock {
  const [element, setElement] = useState<HTMLVideoElement | null>(null);
  const [time, setTime] = useState(0);
  const [duration, setDuration] = useState<number | null>(fallbackDuration);
  const [paused, setPaused] = useState(true);
  const attach = useCallback((el: HTMLVideoElement | null) => setElement(el), []);

  useEffect(() => {
    const v = element;
    if (!v) return;
    const sync = () => {
      setTime(v.currentTime);
      setPaused(v.paused);
      const d = knownDuration(v);
      if (d) setDuration(d);
    };
    const events = ["timeupdate", "seeked", "seeking", "loadedmetadata", "play", "pause", "durationchange"];
    for (const e of events) v.addEventListener(e, sync);
    sync();
    return () => {
      for (const e of events) v.removeEventListener(e, sync);
    };
  }, [element]);

  const seek = useCallback(
    (seconds: number) => {
      const v = element;
      if (v) seekAndPause(v, seconds, () => setTime(seconds));
    },
    [element],
  );

  return { attach, element, time, duration, paused, seek };
}
