// Account changes that must end existing sessions: sign-out everywhere, password
// change, role change and deactivation. Each bumps the session version and is audited.
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { users, type Role } from "@/db/schema";
import { audit } from "@/lib/audit";
import { ApiError, parseInput } from "@/lib/http";
import { hashPassword, verifyPassword } from "./password";
import { passwordProblem } from "./password-policy";
import { bumpSessionVersion } from "./session-version";

export async function signOutEverywhere(db: Database, userId: string) {
  await bumpSessionVersion(db, userId);
  await audit(db, { actorId: userId, action: "sessions.revoked", subjectType: "user", subjectId: userId });
}

export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1, "Enter your current password.").max(1024),
  newPassword: z.string().max(1024, "A password can be at most 1024 characters."),
});

export async function changePassword(db: Database, userId: string, input: unknown) {
  const { currentPassword, newPassword } = parseInput(changePasswordSchema, input);
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user || !(await verifyPassword(currentPassword, user.passwordHash))) throw new ApiError(400, "Your current password is not right.");
  const problem = passwordProblem(newPassword);
  if (problem) throw new ApiError(400, problem);
  const passwordHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
    await bumpSessionVersion(tx, userId);
  });
  await audit(db, { actorId: userId, action: "password.changed", subjectType: "user", subjectId: userId });
}

export async function setRole(db: Database, adminId: string, userId: string, role: Role) {
  await db.transaction(async (tx) => {
    await tx.update(users).set({ role }).where(eq(users.id, userId));
    await bumpSessionVersion(tx, userId);
  });
  await audit(db, { actorId: adminId, action: "user.role-changed", subjectType: "user", subjectId: userId, details: { role } });
}

export async function deactivateUser(db: Database, adminId: string, userId: string) {
  await db.transaction(async (tx) => {
    await tx.update(users).set({ deactivatedAt: new Date() }).where(eq(users.id, userId));
    await bumpSessionVersion(tx, userId);
  });
  await audit(db, { actorId: adminId, action: "user.deactivated", subjectType: "user", subjectId: userId });
}
