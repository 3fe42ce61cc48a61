// Lambda subscribed to the EmailEvents SNS topic (sst.config.ts): SES bounces and
// complaints → the suppression list. A new bounce also queues a notice to each trainer
// who shared with the address; the site is asked to send it now (as the cron does),
// because lib/email is server-only and lives with the site. It links the database and
// the cron secret, and gets SITE_URL.
// Imports db/postgres, not db/client, so the bundle never contains PGlite.
import type { DatabaseHandle } from "../db/client";
import { openPostgres } from "../db/postgres";
import { getDatabaseConfig, getSweepConfig } from "../lib/config";
import { handleSnsEmailEvents } from "../lib/email/events";
import { runSiteSweep } from "./sweep";

// One connection per warm Lambda instance, reused across invocations.
let handle: Promise<DatabaseHandle> | undefined;

function open() {
  const database = getDatabaseConfig();
  if (database.driver === "pglite")
    throw new Error("The email-event subscriber needs a Postgres server (the linked Database or Neon URL).");
  return openPostgres(database);
}

export async function handler(event: unknown) {
  handle ??= open();
  handle.catch(() => (handle = undefined));
  const outcomes = await handleSnsEmailEvents({ db: (await handle).db, now: () => new Date() }, event);
  const told = outcomes.reduce((n, o) => n + (o.kind === "suppressed" ? o.trainersTold : 0), 0);
  // The suppression is recorded either way; a failed call leaves the notice queued for the next sweep.
  const sweep = told > 0 ? await runSiteSweep(getSweepConfig(), 3).catch((err) => console.error("[apexshare] outbox", err)) : undefined;
  return { outcomes, sent: sweep?.outbox?.sent ?? 0 };
}
