// The riding session's fields, shared by the browser (the upload page and the
// session page check them before sending) and the server. No server imports.
import { z } from "zod";
import { emailAddress } from "@/lib/email-address";
import { localeSchema } from "@/lib/i18n/schema";

const studentSchema = z.object({
  email: emailAddress,
  name: z
    .string()
    .trim()
    .max(120, "A name can be at most 120 characters.")
    .optional()
    .nullable()
    .transform((v) => (v ? v : null)),
  // The student's language (emails, link page); null or absent: their browser's.
  language: localeSchema.nullish(),
});

export const studentsSchema = z
  .array(studentSchema, { error: "Add at least one student." })
  .min(1, "Add at least one student.")
  .max(50, "At most 50 students per session.")
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((s, i) => {
      if (seen.has(s.email)) ctx.addIssue({ code: "custom", path: [i, "email"], message: `${s.email} is listed twice.` });
      seen.add(s.email);
    });
  });

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-05-31.")
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    "That date does not exist.",
  );

export const sessionTitle = z.string().trim().max(200, "A title can be at most 200 characters.");
export const sessionNotes = z.string().max(5000, "Notes can be at most 5,000 characters.");

/** A new session: what the upload page sends before the first file. */
export const newSessionSchema = z.object({
  title: sessionTitle.optional(),
  sessionDate: isoDate,
  notes: sessionNotes.default(""),
  students: studentsSchema,
  shareExpiryDays: z.number().int().min(1, "Links must last at least 1 day.").max(30, "Links can last at most 30 days.").default(14),
});

/** Editing after upload: any of title, notes, date. */
export const sessionEditSchema = z
  .object({ title: sessionTitle.min(1, "The title cannot be empty."), sessionDate: isoDate, notes: sessionNotes })
  .partial()
  .refine((v) => Object.keys(v).length > 0, "Nothing to change.");

export const addStudentsSchema = z.object({ students: studentsSchema });

/** "Session 31 May 2026": the default title. */
export function defaultSessionTitle(sessionDate: string): string {
  const day = new Date(`${sessionDate}T12:00:00Z`).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
  return `Session ${day}`;
}
