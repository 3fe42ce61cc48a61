import "server-only";
// The one way server code is wired: a service function takes an AppContext
// first (plain reads that need nothing but the database take `db`). Routes and
// pages get the real one from appContext(); tests build the plain object
// themselves, with their own database, S3 server, settings and clock.
import type { Database } from "@/db/client";
import { getDb } from "@/lib/database";
import { getConfig, type Config } from "@/lib/config";
import { getStorage, type Storage } from "@/lib/storage";

export interface AppContext {
  db: Database;
  storage: Storage;
  config: Config;
  /** The app's clock. Services read the time here, so a test can move it. */
  now: () => Date;
}

export async function appContext(): Promise<AppContext> {
  return { db: await getDb(), storage: getStorage(), config: getConfig(), now: () => new Date() };
}
