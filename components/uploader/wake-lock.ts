// Keeps a phone's screen on while an upload runs: a sleeping phone suspends the tab
// and the upload with it. Screen Wake Lock where the browser has it (it is released
// whenever the tab is hidden, so it is asked for again when the tab comes back).

interface Sentinel {
  released: boolean;
  release(): Promise<void>;
}
type WakeLockApi = { request(type: "screen"): Promise<Sentinel> };

let wanted = false;
let sentinel: Sentinel | null = null;
let listening = false;

const api = (): WakeLockApi | undefined => (navigator as Navigator & { wakeLock?: WakeLockApi }).wakeLock;

async function acquire() {
  const wakeLock = api();
  if (!wanted || !wakeLock || document.visibilityState !== "visible" || (sentinel && !sentinel.released)) return;
  try {
    sentinel = await wakeLock.request("screen");
    if (!wanted) void release(); // the uploads finished while we asked
  } catch {
    sentinel = null; // refused (battery saver, no user gesture yet): the upload runs anyway
  }
}

async function release() {
  const s = sentinel;
  sentinel = null;
  await s?.release().catch(() => {});
}

/** Holds the screen on while `on` is true (uploads are running in this tab). */
export function keepScreenOn(on: boolean) {
  if (typeof window === "undefined" || !api()) return;
  wanted = on;
  if (!listening) {
    listening = true;
    document.addEventListener("visibilitychange", () => void acquire());
  }
  if (on) void acquire();
  else void release();
}

/** Whether the screen is being kept on right now (shown to tests as a data attribute). */
export const screenKeptOn = () => !!sentinel && !sentinel.released;
