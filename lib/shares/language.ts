// A signed-in student's pages speak the language their trainer chose for them: the one
// on their most recent share that has one.
import { and, desc, eq, isNotNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { ridingSessions, schools, shares } from "@/db/schema";

export async function latestShareLanguage(db: Database, email: string): Promise<string | null> {
  const [row] = await db
    .select({ language: shares.language })
    .from(shares)
    .where(and(eq(shares.recipientEmail, email.toLowerCase()), isNotNull(shares.language)))
    .orderBy(desc(shares.createdAt))
    .limit(1);
  return row?.language ?? null;
}

/** The default language of the school whose session was shared with this address last (the fallback after the browser's). */
export async function latestSchoolLanguage(db: Database, email: string): Promise<string | null> {
  const [row] = await db
    .select({ language: schools.defaultLanguage })
    .from(shares)
    .innerJoin(ridingSessions, eq(ridingSessions.id, shares.sessionId))
    .innerJoin(schools, eq(schools.id, ridingSessions.schoolId))
    .where(eq(shares.recipientEmail, email.toLowerCase()))
    .orderBy(desc(shares.createdAt))
    .limit(1);
  return row?.language ?? null;
}
