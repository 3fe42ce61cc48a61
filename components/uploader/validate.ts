// Checks the upload page's inputs against the same zod schemas the API parses with,
// so the trainer sees the server's rules before anything is sent.
import type { z } from "zod";
import { newSessionSchema } from "@/lib/riding-sessions/rules";
import { ACCEPTED_EXTENSIONS, createUploadSchema, videoContentType } from "@/lib/uploads/rules";
import type { UploadMessage } from "./errors";
import { formIssues } from "./issues";
import type { PickedFile } from "./picked-files";
import type { KnownStudent } from "./student-list";

export interface UploadDetails {
  students: KnownStudent[];
  sessionTitle: string;
  sessionDate: string;
  notes: string;
  shareExpiryDays: number;
}

export interface UploadCheck {
  /** The new session to create (blank student rows dropped), when it is valid; null when adding to one. */
  session: z.infer<typeof newSessionSchema> | null;
  /** The form's problems (the students, the date, no video chosen…); empty when there are none. */
  formErrors: UploadMessage[];
  /** Each picked file's problems, in order (undefined: none). */
  fileErrors: (UploadMessage[] | undefined)[];
}

// Files are checked on their own: the session's fields are checked once, above them.
const SOME_SESSION = "00000000-0000-4000-8000-000000000000";

/** `details` null: the files join an existing session (its students and date are already set). */
export function checkUpload(
  schema: ReturnType<typeof createUploadSchema>,
  picked: PickedFile[],
  details: UploadDetails | null,
): UploadCheck {
  let formErrors: UploadMessage[] = [];
  let session: UploadCheck["session"] = null;
  if (details) {
    const filled = details.students.filter((s) => s.email.trim() !== "" || (s.name ?? "").trim() !== "");
    const check = newSessionSchema.safeParse({
      title: details.sessionTitle.trim() || undefined,
      sessionDate: details.sessionDate,
      notes: details.notes,
      students: filled,
      shareExpiryDays: details.shareExpiryDays,
    });
    if (check.success) session = check.data;
    else formErrors = formIssues(check.error, filled);
  }
  if (picked.length === 0 && formErrors.length === 0) formErrors = [{ key: "noVideo" }];
  const fileErrors = picked.map((p) => {
    const r = schema.safeParse({
      fileName: p.file.name,
      size: p.file.size,
      contentType: p.file.type,
      title: p.title,
      sessionId: SOME_SESSION,
    });
    return r.success ? undefined : formIssues(r.error);
  });
  return { session, formErrors, fileErrors };
}

/**
 * Why a chosen file cannot be uploaded at all (wrong type, empty, too big), or null.
 * Checked the moment it is picked, so a file that can never succeed is never sent or queued.
 */
export function fileRefusal(file: File, maxBytes: number): UploadMessage | null {
  const name = file.name;
  if (!videoContentType(name, file.type))
    return {
      key: "notVideo",
      values: { file: name, types: ACCEPTED_EXTENSIONS.slice(0, -1).join(", "), last: ACCEPTED_EXTENSIONS.at(-1)! },
    };
  if (file.size === 0) return { key: "emptyFile", values: { file: name } };
  if (file.size > maxBytes) return { key: "tooBig", values: { file: name }, bytes: { size: file.size, max: maxBytes } };
  return null;
}
