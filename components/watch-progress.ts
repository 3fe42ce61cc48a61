"use client";
// The React player's hook onto the watch-progress counter (components/player/watch-progress.ts).
import { useEffect, useRef } from "react";
import { trackWatchProgress } from "./player/watch-progress";

/** `element` is the mounted <video> (state, not a ref: the player mounts it late and remounts it per source). */
export function useWatchProgress(element: HTMLVideoElement | null, report: (slices: number[]) => void) {
  const send = useRef(report);
  useEffect(() => {
    send.current = report;
  }, [report]);
  useEffect(() => {
    if (!element) return;
    return trackWatchProgress(element, (slices) => send.current(slices));
  }, [element]);
}
