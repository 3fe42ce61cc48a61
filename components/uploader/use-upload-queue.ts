// The upload queue as React sees it: the tab's uploads (upload-store), their totals,
// and a way to add files. The jobs outlive the page that started them.
import { useCallback, useSyncExternalStore } from "react";
import type { JobSnapshot, UploadJob, UploadMeta } from "./engine";
import { uploadStore, type UploadsView } from "./upload-store";

export interface QueueEntry {
  snapshot: JobSnapshot;
  job: UploadJob;
}

export interface QueueTotals {
  size: number;
  sent: number;
  bps: number;
}

/** The tab's uploads, re-rendered as they progress. */
export function useUploads(): UploadsView {
  return useSyncExternalStore(uploadStore.subscribe, uploadStore.getSnapshot, uploadStore.getServerSnapshot);
}

export function queueTotals(snapshots: JobSnapshot[]): QueueTotals {
  return snapshots.reduce<QueueTotals>(
    (acc, s) => (s.state === "canceled" ? acc : { size: acc.size + s.size, sent: acc.sent + s.sentBytes, bps: acc.bps + s.bytesPerSecond }),
    { size: 0, sent: 0, bps: 0 },
  );
}

/**
 * Adds files to the queue. It does not subscribe to the queue's progress: the form that starts uploads is not
 * re-rendered twice a second while they run (only what shows progress is, through useQueueView).
 */
export function useEnqueue(concurrency: number) {
  return useCallback((items: { file: File; meta: UploadMeta }[]) => uploadStore.enqueue(items, concurrency), [concurrency]);
}

/** The queue as the progress list shows it; re-renders on every published change. */
export function useQueueView() {
  const view = useUploads();
  const entries: QueueEntry[] = view.snapshots.map((snapshot, i) => ({ snapshot, job: view.jobs[i] }));
  return { entries, totals: queueTotals(view.snapshots), offline: view.offline };
}
