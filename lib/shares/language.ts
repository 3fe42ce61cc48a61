// A signed-in student's pages speak the language their trainer chose for them: the one
// on their most recent share that has one.
import { and, desc, eq, isNotNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { shares } from "@/db/schema";

export async function latestShareLanguage(db: Database, email: string): Promise<string | null> {
  const [row] = await db
    .select({ language: shares.language })
    .from(shares)
    .where(and(eq(shares.recipientEmail, email.toLowerCase()), isNotNull(shares.language)))
    .orderBy(desc(shares.createdAt))
    .limit(1);
  return row?.language ?? null;
}
