// Upload rules shared by the browser (checks before any byte moves) and the
// server (the same checks, enforced). No server imports here.
import { z } from "zod";
import { isoDate, sessionNotes, studentsSchema } from "@/lib/riding-sessions/rules";

import { S3_MAX_PARTS } from "./part-size";

/**
 * The refusals of an upload step the API names with a `code` (lib/http ErrorCode) next to its
 * English `error`: the upload page words them in the trainer's language ("uploadErrors.<code>").
 */
export const UPLOAD_ERROR_CODES = ["notAVideo", "partsRejected", "notAssembled", "sizeMismatch", "tooManyUploads"] as const;
export type UploadErrorCode = (typeof UPLOAD_ERROR_CODES)[number];

export const ACCEPTED_EXTENSIONS = ["mp4", "mov", "m4v", "mkv", "avi", "webm"] as const;
const ACCEPTED_MIME_TYPES = [
  "video/mp4",
  "video/quicktime",
  "video/x-m4v",
  "video/x-matroska",
  "video/matroska",
  "video/x-msvideo",
  "video/avi",
  "video/msvideo",
  "video/webm",
] as const;
/** For <input accept>: both, because phones' pickers key on MIME and desktops on extension. */
export const ACCEPT_ATTRIBUTE = ["video/*", ...ACCEPTED_EXTENSIONS.map((e) => `.${e}`)].join(",");

const MIME_BY_EXT: Record<string, string> = {
  mp4: "video/mp4",
  mov: "video/quicktime",
  m4v: "video/x-m4v",
  mkv: "video/x-matroska",
  avi: "video/x-msvideo",
  webm: "video/webm",
};

export { GiB, MiB, partCountFor, partLength, partSizeFor, S3_MAX_PARTS, S3_MIN_PART } from "./part-size";

export function extensionOf(fileName: string): string {
  const m = /\.([a-z0-9]+)$/i.exec(fileName);
  return m ? m[1].toLowerCase() : "";
}

/** The content type we store: the browser's if it is a known video type, else derived from the extension. */
export function videoContentType(fileName: string, browserType: string): string | null {
  const ext = extensionOf(fileName);
  if (!(ACCEPTED_EXTENSIONS as readonly string[]).includes(ext)) return null;
  const t = browserType.toLowerCase();
  if ((ACCEPTED_MIME_TYPES as readonly string[]).includes(t)) return t;
  // Browsers often report "" or application/octet-stream for .mkv/.avi.
  if (t === "" || t === "application/octet-stream") return MIME_BY_EXT[ext];
  return null;
}

export function titleFromFileName(fileName: string): string {
  const base = fileName
    .replace(/\.[^.]+$/, "")
    .replace(/[_]+/g, " ")
    .trim();
  return (base || "Riding session").slice(0, 200);
}

export function todayIso(now = new Date()): string {
  const d = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 10);
}

export { isoDate, studentsSchema } from "@/lib/riding-sessions/rules";
/**
 * What the trainer's browser sends to start (or resume) one file's upload. One schema per size limit, made
 * once: zod compiles an object schema on its first parse, which cost more CPU than the rest of the parse
 * when the schema was made per request (bench/api.mjs --only lifecycle).
 */
export function createUploadSchema(maxBytes: number) {
  let schema = uploadSchemas.get(maxBytes);
  if (!schema) uploadSchemas.set(maxBytes, (schema = uploadSchemaFor(maxBytes)));
  return schema;
}
const uploadSchemas = new Map<number, ReturnType<typeof uploadSchemaFor>>();

function uploadSchemaFor(maxBytes: number) {
  return z
    .object({
      fileName: z.string().trim().min(1, "The file has no name.").max(255, "The file name is too long."),
      size: z
        .number({ error: "size must be a number of bytes." })
        .int()
        .positive("The file is empty (0 bytes).")
        .max(maxBytes, `The file is larger than the ${formatBytes(maxBytes)} limit.`),
      contentType: z.string().max(100).default(""),
      lastModified: z.number().int().nonnegative().optional(),
      // name|size|lastModified|sha256(first MiB + last MiB), computed in the browser.
      fingerprint: z.string().max(600).optional(),
      title: z.string().trim().max(200, "A title can be at most 200 characters.").optional(),
      // The riding session this file joins (made by POST /api/sessions); without it, the upload makes its own from the fields below.
      sessionId: z.uuid("sessionId must be a UUID.").optional(),
      sessionDate: isoDate.optional(),
      notes: sessionNotes.default(""),
      students: studentsSchema.optional(),
      shareExpiryDays: z.number().int().min(1, "Links must last at least 1 day.").max(30, "Links can last at most 30 days.").default(14),
      // Optional: this file is one chapter of a GoPro recording uploaded as one video.
      recording: chapterSchema.optional(),
    })
    .superRefine((v, ctx) => {
      if (!v.sessionId && !v.students) ctx.addIssue({ code: "custom", path: ["students"], message: "Add at least one student." });
      if (!v.sessionId && !v.sessionDate) ctx.addIssue({ code: "custom", path: ["sessionDate"], message: "Choose the session date." });
      if (v.recording && v.recording.chapter > v.recording.chapterCount)
        ctx.addIssue({
          code: "custom",
          path: ["recording", "chapter"],
          message: `Chapter ${v.recording.chapter} of ${v.recording.chapterCount} does not exist.`,
        });
      if (!videoContentType(v.fileName, v.contentType))
        ctx.addIssue({
          code: "custom",
          path: ["fileName"],
          message: `${v.fileName} is not an accepted video type (${ACCEPTED_EXTENSIONS.join(", ")}).`,
        });
    });
}

export const signPartsSchema = z.object({
  partNumbers: z
    .array(z.number().int().min(1, "Part numbers start at 1.").max(S3_MAX_PARTS, `Part numbers go up to ${S3_MAX_PARTS}.`))
    .min(1, "Ask for at least one part.")
    .max(100, "Ask for at most 100 parts at a time."),
});

/** The stored parts the browser reports in one batch, each with the ETag S3 gave it. */
export const recordPartsSchema = z.object({
  parts: z
    .array(
      z.object({
        etag: z.string().trim().min(1, "etag is required.").max(200),
        size: z.number().int().positive(),
        partNumber: z.number().int().min(1).max(S3_MAX_PARTS),
      }),
    )
    .min(1, "Report at least one part.")
    .max(200, "Report at most 200 parts at a time."),
});

/** The dashboard thumbnail is a ~320 px JPEG (10–40 KB); S3 refuses a bigger body (presigned POST policy). */
export const THUMBNAIL_MAX_BYTES = 256 * 1024;

export const thumbnailSchema = z.object({
  // Required (null when unknown), so an empty body is refused rather than silently accepted.
  durationSeconds: z
    .number({ error: "durationSeconds must be a number of seconds or null." })
    .nonnegative()
    .max(7 * 24 * 3600)
    .nullable(),
});

/**
 * A size as the camera and the computer show it: decimal units (1 GB = 1,000,000,000 bytes), like a GoPro,
 * macOS Finder and iOS Files. So a "4 GB" chapter on the card reads 4 GB here too, not 3.7.
 */
export function formatBytes(n: number, locale: string = "en"): string {
  // French writes octets: o, ko, Mo, Go, To.
  const [b, ...units] = locale === "fr" ? ["o", "ko", "Mo", "Go", "To"] : ["B", "kB", "MB", "GB", "TB"];
  if (n < 1000) return `${n} ${b}`;
  let v = n / 1000;
  let i = 0;
  while (v >= 999.5 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  const digits = v >= 100 ? 0 : 1;
  const number = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false }).format(
    v,
  );
  return `${number} ${units[i]}`;
}

// ── GoPro chapters ──────────────────────────────────────────────────────────
// A GoPro splits a long recording into ~4 GB chapter files: GXccnnnn.MP4 (HEVC)
// or GHccnnnn.MP4 (H.264), cc = chapter 01, 02, …, nnnn = recording number.
// Chapters picked together upload as one video: each chapter is its own upload,
// sharing a recording key; the last one to complete shares the recording.

const GOPRO_CHAPTER = /^(G[HX])(\d{2})(\d{4})\.(mp4|mov)$/i;

export function goProChapter(fileName: string): { recording: string; chapter: number } | null {
  const m = GOPRO_CHAPTER.exec(fileName.trim());
  if (!m || Number(m[2]) < 1) return null;
  return { recording: `${m[1].toUpperCase()}${m[3]}`, chapter: Number(m[2]) };
}

export interface RecordingGroup<T> {
  /** The chapters in order (one item for a file that is not a GoPro chapter). */
  items: T[];
  recording: string | null;
}

/** Groups picked files into recordings: GoPro chapters of one recording together, in chapter order; recordings by number. */
export function groupRecordings<T>(items: T[], nameOf: (item: T) => string): RecordingGroup<T>[] {
  const groups = new Map<string, { chapter: number; item: T }[]>();
  const singles: RecordingGroup<T>[] = [];
  for (const item of items) {
    const c = goProChapter(nameOf(item));
    if (!c) {
      singles.push({ items: [item], recording: null });
      continue;
    }
    groups.set(c.recording, [...(groups.get(c.recording) ?? []), { chapter: c.chapter, item }]);
  }
  const recordings = [...groups.entries()]
    .sort(([a], [b]) => a.slice(2).localeCompare(b.slice(2)))
    .map(([recording, list]) => ({ recording, items: list.sort((a, b) => a.chapter - b.chapter).map((x) => x.item) }));
  return [...recordings, ...singles];
}

/** A title a student understands: the session date and "recording 2 of 3", not GX020042. */
export function recordingTitle(sessionDate: string, index: number, count: number): string {
  const day = new Date(`${sessionDate}T12:00:00Z`).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
  return count > 1 ? `Session ${day} — recording ${index} of ${count}` : `Session ${day}`;
}

export const chapterSchema = z.object({
  // Generated by the browser for one recording; every chapter upload carries it.
  recordingKey: z.uuid("recordingKey must be a UUID."),
  chapter: z.number().int().min(1).max(99),
  chapterCount: z.number().int().min(2, "A recording in chapters has at least 2.").max(99, "At most 99 chapters."),
});
