// Lambda invoked on every deploy (see sst.config.ts): applies pending migrations
// before the new site version serves traffic. Idempotent and serialized by an advisory lock.
import { openDatabase } from "../db/client";
import { getConfig } from "../lib/config";

export async function handler() {
  const handle = await openDatabase(getConfig().database, { migrate: true });
  await handle.close();
  return { migrated: true, driver: handle.driver };
}
