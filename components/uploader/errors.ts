// What a trainer reads when an upload step fails: a sentence about what happened and
// what to do, never a raw status or a zod path ("fileName: …"), and whether Retry can help.
import { ApiError } from "../api-client";

export interface UploadFailure {
  message: string;
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

export function describeUploadFailure(err: unknown): UploadFailure {
  if (!(err instanceof ApiError)) {
    return { message: "Something went wrong in this browser while sending the file. Press Retry.", canRetry: true };
  }
  const s = err.status;
  if (s === 0) return { message: "The connection dropped and did not come back. Press Retry when you are online again.", canRetry: true };
  if (s === 401)
    return { message: "You were signed out. Sign in again in another tab (this one keeps its place), then press Retry.", canRetry: true };
  if (s === 404)
    return {
      message: "This upload no longer exists on the server (it was discarded or is too old). Upload the file again.",
      canRetry: false,
    };
  if (s === 413) return { message: "The file is larger than ApexShare accepts.", canRetry: false };
  if (s >= 500)
    return { message: "The server had a problem with this step. Press Retry; if it keeps failing, try again later.", canRetry: true };
  return { message: withoutFieldPath(err.message), canRetry: RETRYABLE(s) };
}
