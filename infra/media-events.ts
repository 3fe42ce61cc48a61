// Lambda subscribed (sst.config.ts, media block) to EventBridge's "MediaConvert
// Job State Change" events: marks the video's media job ready or failed.
// Imports db/postgres, not db/client, so the bundle never contains PGlite.
import { openPostgres } from "../db/postgres";
import { getConfig, getSweepConfig } from "../lib/config";
import { handleMediaConvertEvent, type MediaConvertStateChange } from "../lib/media/mediaconvert";
import { Storage } from "../lib/storage/s3";
import { runSiteSweep } from "./sweep";

let handle: Awaited<ReturnType<typeof openPostgres>> | undefined;

export async function handler(event: MediaConvertStateChange) {
  const config = getConfig();
  if (config.database.driver === "pglite") throw new Error("MediaEvents needs a Postgres server (DATABASE_URL or the linked Database).");
  handle ??= await openPostgres(config.database);
  const outcome = await handleMediaConvertEvent({ db: handle.db, storage: new Storage(config.s3), now: () => new Date() }, event);
  // Ready or failed: the share emails were released. Ask the site to send them now (as the
  // cron does) rather than at the next sweep; lib/email is server-only and lives with the site.
  if (outcome !== "ignored" && process.env.SITE_URL)
    await runSiteSweep(getSweepConfig(), 3).catch((err) => console.error("[apexshare] outbox", err));
  return { jobId: event.detail?.jobId, status: event.detail?.status, outcome };
}
