// Which parts of a video the student actually played, reported to the server as slices (the
// video cut into 100) every few seconds and when playback pauses, ends or the page goes away.
// Seeking does not count; a picture-less playback (videoWidth 0) does not count. Framework-free:
// the React player (components/watch-progress.ts) and the link page's module both attach it.

export const SLICES = 100;
const FLUSH_MS = 5000;
/** Two timeupdates further apart than this are a jump, not playback. */
const MAX_STEP_S = 2;

/** Starts counting on `v`; the returned function stops (and sends what is pending). */
export function trackWatchProgress(v: HTMLVideoElement, report: (slices: number[]) => void): () => void {
  const pending = new Set<number>();
  let last: number | null = null;
  const sliceAt = (t: number) => Math.min(SLICES - 1, Math.max(0, Math.floor((t / v.duration) * SLICES)));
  const mark = (from: number, to: number) => {
    for (let s = sliceAt(from); s <= sliceAt(to); s++) pending.add(s);
  };
  const flush = () => {
    if (pending.size === 0) return;
    report([...pending]);
    pending.clear();
  };
  const onTime = () => {
    if (!Number.isFinite(v.duration) || v.duration <= 0 || v.videoWidth === 0 || v.seeking) return;
    const now = v.currentTime;
    if (!v.paused && last !== null && now >= last && now - last <= MAX_STEP_S) mark(last, now);
    last = now;
  };
  const onSeek = () => {
    last = null;
  };
  const onEnded = () => {
    if (last !== null && v.videoWidth > 0) mark(last, v.duration);
    last = null;
    flush();
  };
  const timer = window.setInterval(flush, FLUSH_MS);
  v.addEventListener("timeupdate", onTime);
  v.addEventListener("seeking", onSeek);
  v.addEventListener("pause", flush);
  v.addEventListener("ended", onEnded);
  window.addEventListener("pagehide", flush);
  return () => {
    flush();
    window.clearInterval(timer);
    v.removeEventListener("timeupdate", onTime);
    v.removeEventListener("seeking", onSeek);
    v.removeEventListener("pause", flush);
    v.removeEventListener("ended", onEnded);
    window.removeEventListener("pagehide", flush);
  };
}
