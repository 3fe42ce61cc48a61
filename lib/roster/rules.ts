// The roster's fields, shared by the roster page (checked before sending) and the
// server. Browser-safe: zod and the shared address schema only.
import { z } from "zod";
import { emailAddress } from "@/lib/email-address";
import { localeSchema } from "@/lib/i18n/schema";

export const NAME_MAX = 120;
export const NOTE_MAX = 100;
export const GROUP_NAME_MAX = 80;
/** The largest CSV file the import takes, and the most rows. */
export const IMPORT_MAX_BYTES = 1024 * 1024;
export const IMPORT_MAX_ROWS = 5000;
/** The import's JSON body: the file as a string, with room for JSON's escapes (the file itself is checked against IMPORT_MAX_BYTES). */
export const IMPORT_REQUEST_MAX_BYTES = 3 * IMPORT_MAX_BYTES;

/** Blank means "none": stored as null. */
const optionalText = (max: number, tooLong: string) =>
  z
    .string()
    .trim()
    .max(max, tooLong)
    .nullish()
    .transform((v) => (v ? v : null));

export const rosterStudentSchema = z.object({
  email: emailAddress,
  name: optionalText(NAME_MAX, `A name can be at most ${NAME_MAX} characters.`),
  // null: automatic (the student's browser, then the school's default).
  language: localeSchema.nullish().transform((v) => v ?? null),
  note: optionalText(NOTE_MAX, `A note can be at most ${NOTE_MAX} characters.`),
});

export const rosterStudentEditSchema = rosterStudentSchema
  .partial()
  .refine((v) => Object.values(v).some((x) => x !== undefined), "Nothing to change.");

export const groupNameSchema = z
  .string({ error: "Enter the group's name." })
  .trim()
  .min(1, "Enter the group's name.")
  .max(GROUP_NAME_MAX, `A group name can be at most ${GROUP_NAME_MAX} characters.`);

export const groupSchema = z.object({ name: groupNameSchema });

export const groupMembersSchema = z.object({
  studentIds: z
    .array(z.uuid({ error: "No such student." }), { error: "Pick at least one student." })
    .min(1, "Pick at least one student.")
    .max(IMPORT_MAX_ROWS, `At most ${IMPORT_MAX_ROWS} students at once.`),
});

export const importSchema = z.object({ csv: z.string({ error: "Choose a CSV file." }) });
