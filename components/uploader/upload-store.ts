// The tab's uploads, kept outside React: they keep running while the trainer moves
// around the app (client-side navigation), and every page can show them live — the
// upload page's queue, the status in the trainer header, the dashboard's rows.
// Snapshots are published at most every 500 ms, and every second while anything runs
// (so speed and time left stay fresh). Each publish re-renders every view of the uploads, and the
// tab's rendering competes with the upload for the CPU (bench/upload.mjs's tab CPU): twice a second
// is smooth enough for uploads that take minutes. While uploads run, leaving or reloading the
// page asks first and the screen is kept on.
import { UploadJob, type JobSnapshot, type UploadMeta } from "./engine";
import { keepScreenOn } from "./wake-lock";

const PUBLISH_THROTTLE_MS = 500;
const PUBLISH_EVERY_MS = 1000;
const PAUSE_POLL_MS = 500;
/** States in which closing the tab would stop an upload. */
const RUNNING: JobSnapshot["state"][] = ["queued", "preparing", "uploading", "completing"];
/** States in which this tab still holds the upload (it may go on): the dashboard must not offer to discard it. */
const HELD: JobSnapshot["state"][] = [...RUNNING, "paused"];

export interface UploadsView {
  jobs: UploadJob[];
  snapshots: JobSnapshot[];
  /** Something is being sent (or waits its turn) in this tab. */
  running: boolean;
  /** The network is gone while uploads run: they wait and go on by themselves. */
  offline: boolean;
}

const EMPTY: UploadsView = { jobs: [], snapshots: [], running: false, offline: false };

let jobs: UploadJob[] = [];
let view = EMPTY;
const listeners = new Set<() => void>();
let pending = 0;
let ticker = 0;

function warnBeforeLeaving(e: BeforeUnloadEvent) {
  e.preventDefault();
  e.returnValue = "";
}

function publish() {
  const snapshots = jobs.map((j) => j.snapshot());
  const running = snapshots.some((s) => RUNNING.includes(s.state));
  const offline = running && (!navigator.onLine || snapshots.some((s) => s.offline));
  if (running !== view.running) {
    if (running) window.addEventListener("beforeunload", warnBeforeLeaving);
    else window.removeEventListener("beforeunload", warnBeforeLeaving);
    keepScreenOn(running);
    clearInterval(ticker);
    ticker = running ? window.setInterval(publish, PUBLISH_EVERY_MS) : 0;
  }
  view = { jobs: [...jobs], snapshots, running, offline };
  for (const l of listeners) l();
}

function schedulePublish() {
  if (pending) return;
  pending = window.setTimeout(() => {
    pending = 0;
    publish();
  }, PUBLISH_THROTTLE_MS);
}

let watchingNetwork = false;
function watchNetwork() {
  if (watchingNetwork) return;
  watchingNetwork = true;
  window.addEventListener("online", publish);
  window.addEventListener("offline", publish);
}

export const uploadStore = {
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  },
  getSnapshot: () => view,
  getServerSnapshot: () => EMPTY,

  /** Adds the files and uploads them, one file at a time (each with several parts in flight), so the first video finishes first. */
  async enqueue(items: { file: File; meta: UploadMeta }[], concurrency: number) {
    watchNetwork();
    const added = items.map(({ file, meta }) => new UploadJob(file, meta, { concurrency, onChange: schedulePublish }));
    jobs = [...jobs, ...added];
    publish();
    for (const job of added) {
      await job.run();
      while (job.state === "paused") await new Promise((r) => setTimeout(r, PAUSE_POLL_MS));
    }
  },
};

/** The snapshot of the upload of `videoId` this tab holds (running or paused), if any. */
export function heldUpload(v: UploadsView, videoId: string): JobSnapshot | undefined {
  return v.snapshots.find((s) => s.videoId === videoId && HELD.includes(s.state));
}
