// The upload queue behind the upload page: the jobs, their progress snapshots
// (re-read at most every 250 ms, and every second so speed and time-left stay
// fresh), the leave-page warning while anything is in flight, and the order
// jobs run in.
import { useCallback, useEffect, useRef, useState } from "react";
import { UploadJob, type JobSnapshot, type UploadMeta } from "./engine";

const REFRESH_THROTTLE_MS = 250;
const REFRESH_EVERY_MS = 1000;
const ACTIVE_STATES: JobSnapshot["state"][] = ["queued", "preparing", "uploading", "completing"];
const PAUSE_POLL_MS = 500;

export interface QueueEntry {
  snapshot: JobSnapshot;
  job: UploadJob;
}

export interface QueueTotals {
  size: number;
  sent: number;
  bps: number;
}

export function useUploadQueue(concurrency: number) {
  const [jobs, setJobs] = useState<UploadJob[]>([]);
  const [snapshots, setSnapshots] = useState<JobSnapshot[]>([]);
  const frame = useRef(0);
  const jobsRef = useRef<UploadJob[]>([]);

  const refresh = useCallback(() => {
    if (frame.current) return;
    frame.current = window.setTimeout(() => {
      frame.current = 0;
      setSnapshots(jobsRef.current.map((j) => j.snapshot()));
    }, REFRESH_THROTTLE_MS);
  }, []);
  useEffect(() => {
    const t = setInterval(refresh, REFRESH_EVERY_MS);
    return () => clearInterval(t);
  }, [refresh]);

  const active = snapshots.some((s) => ACTIVE_STATES.includes(s.state));
  useEffect(() => {
    if (!active) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [active]);

  /** Adds the files to the queue and uploads them. */
  const enqueue = useCallback(
    async (items: { file: File; meta: UploadMeta }[]) => {
      const newJobs = items.map(({ file, meta }) => new UploadJob(file, meta, { concurrency, onChange: refresh }));
      jobsRef.current = [...jobsRef.current, ...newJobs];
      setJobs(jobsRef.current);
      refresh();
      // One file at a time, each with several parts in flight: the link stays full and the first video finishes first.
      for (const job of newJobs) {
        await job.run();
        while (job.state === "paused") await new Promise((r) => setTimeout(r, PAUSE_POLL_MS));
      }
    },
    [concurrency, refresh],
  );

  const entries: QueueEntry[] = snapshots.map((snapshot) => ({ snapshot, job: jobs.find((j) => j.key === snapshot.key)! }));
  const totals = snapshots.reduce<QueueTotals>(
    (acc, s) => (s.state === "canceled" ? acc : { size: acc.size + s.size, sent: acc.sent + s.sentBytes, bps: acc.bps + s.bytesPerSecond }),
    { size: 0, sent: 0, bps: 0 },
  );
  return { entries, totals, enqueue };
}
