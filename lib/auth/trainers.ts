// Creating trainer accounts: the demo trainer in local dev, the CLI script, and tests.
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users, type User } from "@/db/schema";
import { hashPassword } from "./password";
import { normalizeEmail } from "@/lib/email-address";

export async function createTrainer(
  db: Database,
  input: { email: string; password: string; name?: string; role?: "trainer" | "admin" },
): Promise<User> {
  const email = normalizeEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  const [existing] = await db.select().from(users).where(eq(users.email, email));
  if (existing) {
    // A student who later becomes a trainer keeps their account and shares.
    const [updated] = await db
      .update(users)
      .set({ role: input.role ?? "trainer", passwordHash, name: input.name ?? existing.name })
      .where(eq(users.id, existing.id))
      .returning();
    return updated;
  }
  const [created] = await db
    .insert(users)
    .values({ email, name: input.name ?? null, role: input.role ?? "trainer", passwordHash })
    .returning();
  return created;
}

/**
 * A new trainer account, or null when the address already has one. Unlike
 * createTrainer (the operator's CLI), this never touches an existing account:
 * an invite must not reset anyone's password or change their role.
 */
export async function insertNewTrainer(db: Database, input: { email: string; password: string; name: string }): Promise<User | null> {
  const passwordHash = await hashPassword(input.password);
  const [created] = await db
    .insert(users)
    .values({ email: normalizeEmail(input.email), name: input.name, role: "trainer", passwordHash })
    .onConflictDoNothing({ target: users.email })
    .returning();
  return created ?? null;
}
