// Lambda subscribed to the EmailEvents SNS topic (sst.config.ts): SES bounces and
// complaints → the suppression list. It links only the database.
// Imports db/postgres, not db/client, so the bundle never contains PGlite.
import type { DatabaseHandle } from "../db/client";
import { openPostgres } from "../db/postgres";
import { getDatabaseConfig } from "../lib/config";
import { handleSnsEmailEvents } from "../lib/email/events";

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
  return { outcomes };
}
