// The school's identity: its name, the address students' replies go to, and its logo —
// on the emails students get and on their pages. A school admin changes them; everything
// takes the principal and scopes by their school (another school's admin gets a 404).
// The logo goes from the browser straight to the bucket with a presigned POST whose policy
// (enforced by S3) fixes the key, the exact image type and the size; the server then checks
// what was stored (HEAD + the file's magic bytes) before the school points at it.
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Database, Tx } from "@/db/client";
import { ridingSessions, schools, type School } from "@/db/schema";
import { audit } from "@/lib/audit";
import type { AppContext } from "@/lib/context";
import { emailAddress } from "@/lib/email-address";
import { ApiError, parseInput } from "@/lib/http";
import { assertSchoolAdmin, ownSchool, schoolById, type SchoolMember } from "./index";
import { isLogoType, LOGO_MAX_BYTES, logoBytesMatch, schoolLogoPath } from "./logo-rules";

export const schoolIdentitySchema = z.object({
  name: z.string().trim().min(1, "Enter the school's name.").max(120, "A school name can be at most 120 characters."),
  // Empty: replies go to the trainer who shared (the From stays our verified sender either way). Absent: unchanged.
  replyTo: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), emailAddress.nullable()).optional(),
});

export type SchoolIdentity = Pick<School, "id" | "name" | "replyTo" | "logoKey">;

/** The identity page's data: the admin's own school. */
export async function schoolIdentity(db: Database, member: SchoolMember): Promise<SchoolIdentity> {
  assertSchoolAdmin(member);
  const { id, name, replyTo, logoKey } = await ownSchool(db, member);
  return { id, name, replyTo, logoKey };
}

export async function updateSchoolIdentity(ctx: AppContext, member: SchoolMember, body: unknown): Promise<SchoolIdentity> {
  assertSchoolAdmin(member);
  const input = parseInput(schoolIdentitySchema, body);
  const [school] = await ctx.db.update(schools).set(input).where(eq(schools.id, member.schoolId)).returning();
  if (!school) throw new ApiError(404, "Not found.");
  await audit(ctx.db, { actorId: member.id, action: "school.edited", subjectType: "school", subjectId: school.id, details: input });
  return { id: school.id, name: school.name, replyTo: school.replyTo, logoKey: school.logoKey };
}

// ── The logo ────────────────────────────────────────────────────────────────

const logoUploadSchema = z.object({
  contentType: z.string({ error: "Say what kind of image the logo is." }).refine(isLogoType, "A logo must be a PNG, JPEG or WebP image."),
  // The browser says how big the file is, so a person hears "too big" before uploading it; S3 enforces it anyway.
  size: z.number().int().min(1, "That file is empty.").max(LOGO_MAX_BYTES, "A logo can be at most 512 kB.").optional(),
});

const logoKeyOf = (schoolId: string) => `schools/${schoolId}/logo-${randomBytes(16).toString("hex")}`;
const isLogoKeyOf = (schoolId: string, key: string) => new RegExp(`^schools/${schoolId}/logo-[0-9a-f]{32}$`).test(key);

/** A presigned POST for a new logo: S3 takes only this key, the exact image type and 1 B…LOGO_MAX_BYTES. */
export async function signLogoUpload(ctx: AppContext, member: SchoolMember, body: unknown) {
  assertSchoolAdmin(member);
  const { contentType } = parseInput(logoUploadSchema, body);
  const school = await ownSchool(ctx.db, member);
  const key = logoKeyOf(school.id);
  const upload = await ctx.storage.presignPost(key, { contentType, maxBytes: LOGO_MAX_BYTES, expiresIn: 300 });
  return { key, upload };
}

const recordLogoSchema = z.object({ key: z.string({ error: "Say which upload is the new logo." }).max(200) });

/**
 * The browser's upload finished: check what is in the bucket before the school shows it (S3 enforced
 * the policy; a local or misconfigured store may not, and the bytes must be the image they claim).
 * The old logo's object goes once the school points at the new one.
 */
export async function recordLogo(ctx: AppContext, member: SchoolMember, body: unknown): Promise<SchoolIdentity> {
  assertSchoolAdmin(member);
  const { key } = parseInput(recordLogoSchema, body);
  // Another school's upload (or any other object) is, to this admin, one that does not exist.
  if (!isLogoKeyOf(member.schoolId, key)) throw new ApiError(404, "No such logo upload.");
  const stored = await ctx.storage.headObject(key);
  if (!stored) throw new ApiError(400, "The logo did not arrive. Upload it again.");
  const refuse = async (message: string) => {
    await ctx.storage.delete(key).catch(() => {});
    return new ApiError(400, message);
  };
  if (stored.size > LOGO_MAX_BYTES) throw await refuse("A logo can be at most 512 kB.");
  if (stored.size === 0) throw await refuse("That file is empty.");
  const type = stored.contentType ?? "";
  if (!isLogoType(type) || !logoBytesMatch(type, await ctx.storage.readHead(key, 16)))
    throw await refuse("A logo must be a PNG, JPEG or WebP image.");

  const previous = await ctx.db.transaction(async (tx) => {
    const [before] = await tx.select({ logoKey: schools.logoKey }).from(schools).where(eq(schools.id, member.schoolId)).for("update");
    if (!before) throw new ApiError(404, "Not found.");
    await tx.update(schools).set({ logoKey: key }).where(eq(schools.id, member.schoolId));
    await audit(tx, {
      actorId: member.id,
      action: "school.logo-changed",
      subjectType: "school",
      subjectId: member.schoolId,
      details: { logoKey: key, bytes: stored.size, type },
    });
    return before.logoKey;
  });
  if (previous && previous !== key) await ctx.storage.delete(previous).catch((e) => console.error("[apexshare] old logo", e));
  return schoolIdentity(ctx.db, member);
}

export async function removeLogo(ctx: AppContext, member: SchoolMember): Promise<SchoolIdentity> {
  assertSchoolAdmin(member);
  const [before] = await ctx.db.select({ logoKey: schools.logoKey }).from(schools).where(eq(schools.id, member.schoolId));
  if (!before) throw new ApiError(404, "Not found.");
  if (before.logoKey) {
    await ctx.db.update(schools).set({ logoKey: null }).where(eq(schools.id, member.schoolId));
    await audit(ctx.db, {
      actorId: member.id,
      action: "school.logo-changed",
      subjectType: "school",
      subjectId: member.schoolId,
      details: { logoKey: null },
    });
    await ctx.storage.delete(before.logoKey).catch((e) => console.error("[apexshare] old logo", e));
  }
  return schoolIdentity(ctx.db, member);
}

/** Where the public logo route sends a browser: a short-lived signed URL of the object, or null (no such school, no logo). */
export async function schoolLogoUrl(ctx: AppContext, schoolId: string): Promise<string | null> {
  const school = await schoolById(ctx.db, schoolId);
  return school?.logoKey ? ctx.storage.viewerUrl(school.logoKey) : null;
}

/** What a student email shows of the school: its name, logo (a lasting URL) and reply-to address. */
export interface EmailSchool {
  name: string;
  logoUrl: string | null;
  replyTo: string | null;
  defaultLanguage: string;
}

export function emailSchool(appUrl: string, school: Pick<School, "id" | "name" | "logoKey" | "replyTo" | "defaultLanguage">): EmailSchool {
  const path = schoolLogoPath(school);
  return {
    name: school.name,
    logoUrl: path ? `${appUrl.replace(/\/$/, "")}${path}` : null,
    replyTo: school.replyTo,
    defaultLanguage: school.defaultLanguage,
  };
}

/** The school a riding session belongs to, as its students' emails show it. */
export async function emailSchoolOfSession(db: Database | Tx, appUrl: string, sessionId: string): Promise<EmailSchool | null> {
  const [row] = await db
    .select({
      id: schools.id,
      name: schools.name,
      logoKey: schools.logoKey,
      replyTo: schools.replyTo,
      defaultLanguage: schools.defaultLanguage,
    })
    .from(ridingSessions)
    .innerJoin(schools, eq(schools.id, ridingSessions.schoolId))
    .where(eq(ridingSessions.id, sessionId));
  return row ? emailSchool(appUrl, row) : null;
}
