// Time on the player's strips, framework-free: where a moment sits on a bar, which moment a
// pointer points at, which storyboard tile shows it, and a seek that lands exactly.
import type { Playback } from "@/lib/videos/playback";

type Storyboard = NonNullable<Playback["storyboard"]>;

/** A moment's place along a bar as wide as the video, in % (never past the end). */
export const percentAlong = (seconds: number, duration: number) => Math.min(100, (seconds / duration) * 100);

/** The moment under a pointer at `clientX` on a bar drawn in `box`. */
export function timeAtPointer(clientX: number, box: { left: number; width: number }, duration: number): number {
  return Math.max(0, Math.min(duration, ((clientX - box.left) / box.width) * duration));
}

/** The storyboard tile for moment `at`: its place over the bar and the sprite's offset. */
export function storyboardTile(s: Storyboard, at: number, duration: number) {
  const tile = Math.min(s.tiles - 1, Math.floor(at / s.interval));
  return {
    left: `${(at / duration) * 100}%`,
    width: s.tileWidth,
    height: s.tileHeight,
    backgroundImage: `url(${s.url})`,
    backgroundPosition: `-${(tile % s.columns) * s.tileWidth}px -${Math.floor(tile / s.columns) * s.tileHeight}px`,
  };
}

/** Seeks to exactly `seconds` and pauses there (so a note's drawing stays on screen); waits for metadata if need be. */
export function seekAndPause(v: HTMLVideoElement, seconds: number, done?: () => void) {
  v.pause();
  const go = () => {
    v.currentTime = seconds;
    done?.();
  };
  if (v.readyState >= 1) go();
  else v.addEventListener("loadedmetadata", go, { once: true });
}

/** The clock a question is pinned to: tenths of a second, rounded down. */
export const questionMoment = (t: number) => Math.floor(t * 10) / 10;

/** A duration the <video> knows (NaN and Infinity while it does not). */
export const knownDuration = (v: HTMLVideoElement) => (Number.isFinite(v.duration) && v.duration > 0 ? v.duration : null);
