// The local media worker: runs inside the app process that `npm run dev` (or
// `npm run dev -- --prod`) starts, because the embedded database lives there.
// One job at a time — ffmpeg already uses every core. In AWS, MediaConvert
// does this work and no worker runs.
import { runNextMediaJob, type JobOutcome, type MediaContext } from "./jobs";
import { toolPath } from "./tools";

export interface MediaWorker {
  stop(): Promise<void>;
}

export function startMediaWorker(
  context: () => Promise<MediaContext>,
  opts: { pollMs?: number; afterJob?: (outcome: JobOutcome) => Promise<unknown>; idle?: () => Promise<unknown>; idleEveryMs?: number } = {},
): MediaWorker | null {
  if (!toolPath("ffmpeg") || !toolPath("ffprobe")) {
    console.warn("[apexshare] media worker off: ffmpeg/ffprobe not found (npm install ships them; or install ffmpeg)");
    return null;
  }
  const pollMs = opts.pollMs ?? 2000;
  let stopped = false;
  let lastIdle = 0;
  const loop = (async () => {
    while (!stopped) {
      try {
        const ctx = await context();
        const outcome = await runNextMediaJob(ctx);
        if (outcome) {
          if (outcome.status !== "ready") console.warn(`[apexshare] media job ${outcome.jobId}: ${outcome.status} — ${outcome.error}`);
          await opts.afterJob?.(outcome);
          continue;
        }
        // Idle: the periodic chores (e.g. the outbox, for emails whose 5 minutes ran out).
        if (opts.idle && Date.now() - lastIdle > (opts.idleEveryMs ?? 15_000)) {
          lastIdle = Date.now();
          await opts.idle();
        }
      } catch (err) {
        console.error("[apexshare] media worker", err);
      }
      await new Promise((r) => setTimeout(r, pollMs));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
    },
  };
}
