// Creating trainer accounts: the demo trainer in local dev, the CLI script, and tests.
// A trainer always belongs to a school: the one given, else the install's default school.
import { eq } from "drizzle-orm";
import type { Database, Tx } from "@/db/client";
import { users, type User } from "@/db/schema";
import { hashPassword } from "./password";
import { normalizeEmail } from "@/lib/email-address";
import { defaultSchool } from "@/lib/schools";

export async function createTrainer(
  db: Database,
  input: { email: string; password: string; name?: string; role?: "trainer" | "admin"; schoolId?: string; schoolAdmin?: boolean },
): Promise<User> {
  const schoolId = input.schoolId ?? (await defaultSchool(db)).id;
  // A platform admin made here (CLI --admin, demo) also runs its school.
  const schoolAdmin = input.schoolAdmin ?? input.role === "admin";
  const email = normalizeEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  const [existing] = await db.select().from(users).where(eq(users.email, email));
  if (existing) {
    // A student who later becomes a trainer keeps their account and shares.
    const [updated] = await db
      .update(users)
      .set({ role: input.role ?? "trainer", passwordHash, name: input.name ?? existing.name, schoolId, schoolAdmin })
      .where(eq(users.id, existing.id))
      .returning();
    return updated;
  }
  const [created] = await db
    .insert(users)
    .values({ email, name: input.name ?? null, role: input.role ?? "trainer", passwordHash, schoolId, schoolAdmin })
    .returning();
  return created;
}

/**
 * A new trainer account, or null when the address already has one. Unlike
 * createTrainer (the operator's CLI), this never touches an existing account:
 * an invite must not reset anyone's password or change their role.
 */
export async function insertNewTrainer(
  db: Database | Tx,
  input: { email: string; password: string; name: string; schoolId: string; schoolAdmin?: boolean },
): Promise<User | null> {
  const passwordHash = await hashPassword(input.password);
  const [created] = await db
    .insert(users)
    .values({
      email: normalizeEmail(input.email),
      name: input.name,
      role: "trainer",
      passwordHash,
      schoolId: input.schoolId,
      schoolAdmin: input.schoolAdmin ?? false,
    })
    .onConflictDoNothing({ target: users.email })
    .returning();
  return created ?? null;
}
