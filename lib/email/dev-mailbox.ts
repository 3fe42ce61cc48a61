import "server-only";
// Reads for the local dev mailbox page. Not available in production.
import { desc, eq } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { devMailbox } from "@/db/schema";
import { getConfig } from "@/lib/config";

export function devMailboxEnabled() {
  // Never in the deploy artifact (APEX_DEPLOY_BUILD is defined at build time, next.config.ts), whatever APP_ENV says.
  return process.env.APEX_DEPLOY_BUILD !== "1" && !getConfig().isProduction;
}

export async function listDevMailbox(limit = 100) {
  const db = await getDb();
  return db.select().from(devMailbox).orderBy(desc(devMailbox.receivedAt)).limit(limit);
}

export async function getDevMailboxMessage(id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const db = await getDb();
  const [row] = await db.select().from(devMailbox).where(eq(devMailbox.id, id));
  return row;
}
