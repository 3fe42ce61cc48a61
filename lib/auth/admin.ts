// A school's trainers, run by its admins. Inviting: a school admin creates a trainer account in their school and hands
// over the one-time password (the trainer can also sign in by magic link). Only an admin
// with two-step sign-in on may invite, as only such an admin may open admin pages.
import { and, asc, eq, ne } from "drizzle-orm";
import { z } from "zod";
import type { Database, Tx } from "@/db/client";
import { schools, users } from "@/db/schema";
import type { AppContext } from "@/lib/context";
import { audit } from "@/lib/audit";
import { ApiError, parseInput } from "@/lib/http";
import { emailAddress } from "@/lib/email-address";
import { assertSchoolAdmin, newSchoolSchema, type SchoolMember } from "@/lib/schools";
import { randomPassword } from "./password";
import { bumpSessionVersion } from "./session-version";
import { hasTwoFactor } from "./two-factor";
import { insertNewTrainer } from "./trainers";

export const inviteTrainerSchema = z.object({
  email: emailAddress,
  name: z.string().trim().min(1, "Enter the trainer's name.").max(120, "A name can be at most 120 characters."),
  schoolAdmin: z.boolean().default(false),
});

export async function inviteTrainer(db: Database, admin: SchoolMember, body: unknown) {
  assertSchoolAdmin(admin);
  if (!(await hasTwoFactor(db, admin.id)))
    throw new ApiError(403, "Turn on two-step sign-in on your Security page first: admins need it to invite trainers.");
  const input = parseInput(inviteTrainerSchema, body);
  return inviteInto(db, admin.id, admin.schoolId, input);
}

/** A new trainer in a school (also a new school's first admin, made by the platform admin). */
export async function inviteInto(
  db: Database | Tx,
  actorId: string,
  schoolId: string,
  input: { email: string; name: string; schoolAdmin: boolean },
) {
  const password = randomPassword();
  const user = await insertNewTrainer(db, { ...input, password, schoolId });
  if (!user) throw new ApiError(409, "That email address already has an account. Inviting does not change existing accounts.");
  await audit(db, {
    actorId,
    action: "trainer.invited",
    subjectType: "user",
    subjectId: user.id,
    details: { email: user.email, schoolId, schoolAdmin: input.schoolAdmin },
  });
  return { id: user.id, email: user.email, name: user.name, schoolAdmin: user.schoolAdmin, password };
}

// ── The school's trainers ───────────────────────────────────────────────────

export async function schoolTrainers(db: Database, member: SchoolMember) {
  assertSchoolAdmin(member);
  return db
    .select({ id: users.id, email: users.email, name: users.name, schoolAdmin: users.schoolAdmin, deactivatedAt: users.deactivatedAt })
    .from(users)
    .where(and(eq(users.schoolId, member.schoolId), ne(users.role, "student")))
    .orderBy(asc(users.name), asc(users.email));
}

async function schoolTrainer(db: Database | Tx, member: SchoolMember & { schoolId: string }, trainerId: string) {
  if (!/^[\w-]{1,64}$/.test(trainerId)) throw new ApiError(404, "No such trainer.");
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.id, trainerId), eq(users.schoolId, member.schoolId), ne(users.role, "student")));
  if (!row) throw new ApiError(404, "No such trainer.");
  return row;
}

export const trainerChangeSchema = z.object({ active: z.boolean().optional(), schoolAdmin: z.boolean().optional() });

/**
 * Deactivate or reactivate a trainer of the school, or make them an admin of it. Deactivating
 * ends their sessions at once (the session version) and they cannot sign in again; their
 * sessions and students' links stay as they set them. An admin cannot lock themselves out.
 */
export async function changeSchoolTrainer(ctx: AppContext, member: SchoolMember, trainerId: string, body: unknown) {
  assertSchoolAdmin(member);
  const input = parseInput(trainerChangeSchema, body);
  const trainer = await schoolTrainer(ctx.db, member, trainerId);
  if (trainer.id === member.id && (input.active === false || input.schoolAdmin === false))
    throw new ApiError(409, "You cannot deactivate yourself or remove your own admin rights: ask another admin of your school.");
  await ctx.db.transaction(async (tx) => {
    const set: Partial<typeof users.$inferInsert> = {};
    if (input.active !== undefined) set.deactivatedAt = input.active ? null : (trainer.deactivatedAt ?? ctx.now());
    if (input.schoolAdmin !== undefined) set.schoolAdmin = input.schoolAdmin;
    if (Object.keys(set).length === 0) return;
    await tx.update(users).set(set).where(eq(users.id, trainer.id));
    // Any change of standing ends their current sessions: the next request sees the new rights.
    await bumpSessionVersion(tx, trainer.id);
  });
  if (input.active !== undefined)
    await audit(ctx.db, {
      actorId: member.id,
      action: input.active ? "user.reactivated" : "user.deactivated",
      subjectType: "user",
      subjectId: trainer.id,
    });
  if (input.schoolAdmin !== undefined)
    await audit(ctx.db, {
      actorId: member.id,
      action: "user.role-changed",
      subjectType: "user",
      subjectId: trainer.id,
      details: { schoolAdmin: input.schoolAdmin },
    });
}

// ── Schools on one instance ─────────────────────────────────────────────────

export const newSchoolWithAdminSchema = newSchoolSchema.extend({
  admin: z.object({
    email: emailAddress,
    name: z.string().trim().min(1, "Enter the school admin's name.").max(120, "A name can be at most 120 characters."),
  }),
});

/** The platform admin makes a school and its first admin in one step: both, or neither. */
export async function createSchoolWithAdmin(db: Database, platformAdminId: string, body: unknown) {
  const input = parseInput(newSchoolWithAdminSchema, body);
  return db.transaction(async (tx) => {
    const [school] = await tx.insert(schools).values({ name: input.name, defaultLanguage: input.defaultLanguage }).returning();
    await audit(tx, {
      actorId: platformAdminId,
      action: "school.created",
      subjectType: "school",
      subjectId: school.id,
      details: { name: school.name },
    });
    const admin = await inviteInto(tx, platformAdminId, school.id, { ...input.admin, schoolAdmin: true });
    return { school: { id: school.id, name: school.name }, admin };
  });
}
