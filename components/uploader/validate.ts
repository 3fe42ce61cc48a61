// Checks the upload page's inputs against the same zod schemas the API parses with,
// so the trainer sees the server's rules before anything is sent.
import type { z } from "zod";
import { createUploadSchema, studentsSchema } from "@/lib/uploads/rules";
import { describeIssues } from "./issues";
import type { PickedFile } from "./picked-files";
import type { KnownStudent } from "./student-list";

export interface UploadDetails {
  students: KnownStudent[];
  sessionDate: string;
  notes: string;
  shareExpiryDays: number;
}

export interface UploadCheck {
  /** The students to share with (blank rows dropped), when they are valid. */
  students: z.infer<typeof studentsSchema> | null;
  /** A problem with the whole form (the students, or no video chosen). */
  formError: string | null;
  /** Each picked file's problem, in order. */
  fileErrors: (string | undefined)[];
}

export function checkUpload(schema: ReturnType<typeof createUploadSchema>, picked: PickedFile[], details: UploadDetails): UploadCheck {
  const filled = details.students.filter((s) => s.email.trim() !== "" || (s.name ?? "").trim() !== "");
  const studentCheck = studentsSchema.safeParse(filled);
  let formError = studentCheck.success ? null : describeIssues(studentCheck.error, filled);
  if (picked.length === 0) formError ??= "Choose at least one video.";
  const fileErrors = picked.map((p) => {
    const r = schema.safeParse({
      fileName: p.file.name,
      size: p.file.size,
      contentType: p.file.type,
      title: p.title,
      sessionDate: details.sessionDate,
      notes: details.notes,
      // Bad students are reported once, above; a placeholder keeps them out of each file's message.
      students: studentCheck.success ? studentCheck.data : [{ email: "placeholder@example.com" }],
      shareExpiryDays: details.shareExpiryDays,
    });
    return r.success ? undefined : r.error.issues.map((i) => i.message).join(" ");
  });
  return { students: studentCheck.success ? studentCheck.data : null, formError, fileErrors };
}
