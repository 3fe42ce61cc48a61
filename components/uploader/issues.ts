// The upload page's and session page's own checks (the API's zod schemas, run in the browser)
// as catalogue messages: each zod issue is named by its field and code, never by its English
// text, so the trainer reads it in their language. The server keeps the schemas' English for API clients.
import type { z } from "zod";
import type { UploadMessage } from "./errors";

/** How many problems the form shows at once: the first few are enough to act on. */
const SHOWN = 3;

/** The field an issue is about: the last name in its path ("students.2.email" → "email"). */
function fieldOf(path: readonly PropertyKey[]): string {
  return String([...path].reverse().find((p) => typeof p === "string") ?? "");
}

/** The student row an issue is about (0-based), from the list on its own ([n, …]) or inside the session (["students", n, …]). */
function studentOf(path: readonly PropertyKey[]): number | undefined {
  const n = path[0] === "students" ? path[1] : path[0];
  return typeof n === "number" ? n : undefined;
}

type Issue = z.core.$ZodIssue;

function bound(issue: Issue, which: "minimum" | "maximum"): number | undefined {
  const v = (issue as { minimum?: unknown; maximum?: unknown })[which];
  return typeof v === "number" || typeof v === "bigint" ? Number(v) : undefined;
}

/** One issue as a message; null when the form has no words of its own for it (the schema's English is used). */
function issueMessage(issue: Issue, list: { email?: string }[]): UploadMessage | null {
  const field = fieldOf(issue.path);
  const code = issue.code;
  const max = bound(issue, "maximum");
  switch (field) {
    case "students":
      if (code === "too_big") return { key: "tooManyStudents", values: { max: max ?? 50 } };
      return { key: "noStudent" };
    case "email": {
      if (code === "custom") {
        const n = studentOf(issue.path);
        return { key: "emailTwice", values: { email: (list[n ?? -1]?.email ?? "").trim().toLowerCase() } };
      }
      if (code === "too_big") return { key: "emailTooLong" };
      if (code === "invalid_format") return { key: "emailInvalid" };
      return { key: "emailMissing" };
    }
    case "name":
      return code === "too_big" ? { key: "nameTooLong", values: { max: max ?? 120 } } : null;
    case "title":
      if (code === "too_big") return { key: "titleTooLong", values: { max: max ?? 200 } };
      return code === "too_small" ? { key: "titleEmpty" } : null;
    case "fileName":
      return code === "too_big" ? { key: "fileNameTooLong" } : null;
    case "notes":
      return code === "too_big" ? { key: "notesTooLong", values: { max: max ?? 5000 } } : null;
    case "sessionDate":
      // The date input gives "" or a real YYYY-MM-DD; "2026-02-30" typed by hand is the other case.
      return code === "custom" ? { key: "dateDoesNotExist" } : { key: "chooseDate" };
    case "shareExpiryDays":
      if (code === "too_small") return { key: "expiryTooShort", values: { min: bound(issue, "minimum") ?? 1 } };
      if (code === "too_big") return { key: "expiryTooLong", values: { max: max ?? 30 } };
      return { key: "expiryNotNumber", values: { min: 1, max: 30 } };
    case "":
      return code === "custom" ? { key: "nothingToChange" } : null;
    default:
      return null;
  }
}

/**
 * The form's problems, first few, one per field: "Student 2: Enter a valid email address." when
 * the list has more than one row. `list` is the student rows the schema was given.
 */
export function formIssues(error: z.ZodError, list: { email?: string }[] = []): UploadMessage[] {
  const seen = new Set<string>();
  const out: UploadMessage[] = [];
  for (const issue of error.issues) {
    // An empty date fails the pattern and the "does it exist" check: one message is enough.
    const where = issue.path.map(String).join(".");
    if (seen.has(where)) continue;
    seen.add(where);
    const n = studentOf(issue.path);
    const student = typeof n === "number" && list.length > 1 && fieldOf(issue.path) !== "students" ? n + 1 : undefined;
    const message: UploadMessage = issueMessage(issue, list) ?? { text: issue.message };
    out.push(student ? { ...message, student } : message);
    if (out.length === SHOWN) break;
  }
  return out;
}
