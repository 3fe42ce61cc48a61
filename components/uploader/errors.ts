// What a trainer reads when an upload step fails or a file is refused: a sentence about what
// happened and what to do, never a raw status or a zod path ("fileName: …"), and whether Retry
// can help. The sentences are catalogue messages ("uploadErrors"), put into words where they
// are shown, in the trainer's language (uploadMessageText).
import type { Messages } from "@/lib/i18n/messages";
import { formatBytes, UPLOAD_ERROR_CODES } from "@/lib/uploads/rules";
import { ApiError } from "../api-client";

export type UploadErrorKey = keyof Messages["uploadErrors"];

/**
 * A message to show: a catalogue key with its values (sizes in bytes, written in the reader's units), or the server's
 * own sentence; `student` (1-based) puts "Student n:" in front, for a problem with one row of the student list.
 */
export type UploadMessage = (
  { key: UploadErrorKey; values?: Record<string, string | number>; bytes?: Record<string, number> } | { text: string }
) & { student?: number };

/** t() for the "uploadErrors" namespace: next-intl's useTranslations("uploadErrors"), or a translator in tests. */
export type UploadErrorsT = (key: UploadErrorKey, values?: Record<string, string | number>) => string;

/** The message in the reader's words. */
export function uploadMessageText(t: UploadErrorsT, locale: string, m: UploadMessage): string {
  const text = "text" in m ? m.text : t(m.key, { ...m.values, ...sizesIn(locale, m.bytes) });
  if (!m.student) return text;
  // Dutch and French go on in lower case after a colon ("Leerling 2: vul een e-mailadres in."); English keeps its capital.
  const problem = locale === "en" ? text : text.charAt(0).toLocaleLowerCase(locale) + text.slice(1);
  return t("forStudent", { n: m.student, problem });
}

/** Several problems as one paragraph. */
export function uploadMessagesText(t: UploadErrorsT, locale: string, list: readonly UploadMessage[]): string {
  return list.map((m) => uploadMessageText(t, locale, m)).join(" ");
}

function sizesIn(locale: string, bytes: Record<string, number> = {}) {
  return Object.fromEntries(Object.entries(bytes).map(([k, n]) => [k, formatBytes(n, locale)]));
}

export interface UploadFailure {
  message: UploadMessage;
  /** False when sending the same request again cannot succeed (the file or the upload itself is the problem). */
  canRetry: boolean;
}

/** Retrying helps for network drops, timeouts, throttling, server errors and an expired sign-in. */
const RETRYABLE = (status: number) => status === 0 || status === 401 || status === 408 || status === 429 || status >= 500;

/**
 * The server joins its validation messages with "; " and puts each field's path in front
 * ("size: The file is empty (0 bytes)."); the trainer needs only the sentences.
 */
export function withoutFieldPath(message: string): string {
  return message
    .split("; ")
    .map((m) => m.replace(/^[A-Za-z]\w*(?:\.\w+)*: /, ""))
    .join(" ");
}

// Every code the API sends has a message here (a missing one fails the type check).
const SERVER_CODES: readonly UploadErrorKey[] = UPLOAD_ERROR_CODES;
const isServerCode = (code: string | undefined): code is UploadErrorKey => SERVER_CODES.some((c) => c === code);

const failure = (key: UploadErrorKey, canRetry: boolean): UploadFailure => ({ message: { key }, canRetry });

export function describeUploadFailure(err: unknown): UploadFailure {
  if (!(err instanceof ApiError)) return failure("browser", true);
  const s = err.status;
  if (s === 0) return failure("connection", true);
  if (s === 401) return failure("signedOut", true);
  if (s === 404) return failure("gone", false);
  if (s === 413) return failure("tooLarge", false);
  if (s >= 500) return failure("server", true);
  if (isServerCode(err.code)) return { message: { key: err.code, values: err.values }, canRetry: RETRYABLE(s) };
  // A refusal the server words itself (its validation rules): English for now.
  return { message: { text: withoutFieldPath(err.message) }, canRetry: RETRYABLE(s) };
}

/**
 * A form's request about a session refused (making or opening it, editing it, adding students): there is no Retry button,
 * the trainer sends the form again. Codes the page knows in the trainer's words, else the server's sentence.
 */
export function describeRefusal(err: unknown): UploadMessage {
  if (!(err instanceof ApiError)) return { key: "browserForm" };
  if (isServerCode(err.code)) return { key: err.code, values: err.values };
  if (err.status === 0) return { key: "notSent" };
  if (err.status === 401) return { key: "signInAgain" };
  if (err.status === 404) return { key: "sessionGone" };
  if (err.status >= 500) return { key: "serverForm" };
  return { text: withoutFieldPath(err.message) };
}
