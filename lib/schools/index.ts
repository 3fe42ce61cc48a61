// Schools (tenants). A trainer works for one school; every riding session is made in
// its trainer's school, and its videos, shares and notes belong to it through the
// session. A school admin runs the school: its trainers, its rules, its identity.
// Everything here takes the principal and scopes by *their* school: an id from
// another school gets the same 404 as a missing one.
import { and, asc, eq, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Tx } from "@/db/client";
import { schools, users, type School } from "@/db/schema";
import { audit } from "@/lib/audit";
import type { AppContext } from "@/lib/context";
import { ApiError, parseInput } from "@/lib/http";
import { localeSchema } from "@/lib/i18n/schema";

/** Who is acting for a school: the signed-in trainer with their school (lib/auth/session). */
export interface SchoolMember {
  id: string;
  schoolId: string | null;
  schoolAdmin: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The school of a single-school install: the oldest one, made on first use. Trainers
 * created without a school (the CLI, the demo seeding) join it.
 */
export async function defaultSchool(db: Database | Tx, name = "My school"): Promise<School> {
  const [first] = await db.select().from(schools).orderBy(asc(schools.createdAt), asc(schools.id)).limit(1);
  if (first) return first;
  const [made] = await db.insert(schools).values({ name }).returning();
  return made;
}

export async function schoolById(db: Database | Tx, id: string): Promise<School | null> {
  if (!UUID.test(id)) return null;
  const [row] = await db.select().from(schools).where(eq(schools.id, id));
  return row ?? null;
}

/** The member's own school; a trainer without one (an old platform admin) gets 404. */
export async function ownSchool(db: Database | Tx, member: SchoolMember): Promise<School> {
  const school = member.schoolId ? await schoolById(db, member.schoolId) : null;
  if (!school) throw new ApiError(404, "You are not a member of a school.");
  return school;
}

/** Only the school's admins may change it: anyone else gets the answer a missing page gets. */
export function assertSchoolAdmin(member: SchoolMember): asserts member is SchoolMember & { schoolId: string } {
  if (!member.schoolAdmin || !member.schoolId) throw new ApiError(404, "Not found.");
}

// ── The school's rules ──────────────────────────────────────────────────────

/** How long a school keeps videos and how long links last: its own choice within the instance's limits. */
export function schoolRules(school: Pick<School, "retentionDays" | "shareExpiryDays"> | null, config: AppContext["config"]) {
  const retentionDays = Math.min(school?.retentionDays ?? config.retentionDays, config.maxRetentionDays);
  return {
    retentionDays,
    shareExpiryDays: Math.min(school?.shareExpiryDays ?? config.shareExpiryDays, 30),
  };
}

/** The school's rules (its identity — name, logo, reply-to — is set on its own page). */
export function schoolSettingsSchema(config: AppContext["config"]) {
  const maxRetention = Math.max(config.maxRetentionDays, config.retentionDays);
  return z.object({
    defaultLanguage: localeSchema,
    retentionDays: z
      .number()
      .int("Keep videos for a whole number of days.")
      .min(1, "Keep videos for at least 1 day.")
      .max(maxRetention, `This server keeps videos for at most ${maxRetention} days.`),
    shareExpiryDays: z
      .number()
      .int("Links last a whole number of days.")
      .min(1, "Links must last at least 1 day.")
      .max(30, "Links can last at most 30 days."),
  });
}

export async function updateSchoolSettings(ctx: AppContext, member: SchoolMember, body: unknown): Promise<School> {
  assertSchoolAdmin(member);
  const input = parseInput(schoolSettingsSchema(ctx.config), body);
  const [school] = await ctx.db.update(schools).set(input).where(eq(schools.id, member.schoolId)).returning();
  if (!school) throw new ApiError(404, "Not found.");
  await audit(ctx.db, { actorId: member.id, action: "school.edited", subjectType: "school", subjectId: school.id, details: input });
  return school;
}

// ── Schools on one instance (the platform admin) ───────────────────────────

export const newSchoolSchema = z.object({
  name: z.string().trim().min(1, "Enter the school's name.").max(120, "A school name can be at most 120 characters."),
  defaultLanguage: localeSchema.default("en"),
});

export async function allSchools(db: Database) {
  return db
    .select({
      id: schools.id,
      name: schools.name,
      createdAt: schools.createdAt,
      trainers: sql<number>`count(${users.id})::int`,
    })
    .from(schools)
    .leftJoin(users, and(eq(users.schoolId, schools.id), ne(users.role, "student")))
    .groupBy(schools.id)
    .orderBy(asc(schools.name));
}
