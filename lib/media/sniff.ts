// Recognises a video container from a file's first bytes. Cheap enough to run
// when an upload completes (one 64-byte Range GET, no ffmpeg), so random bytes
// named .MP4 are refused at once — in AWS too, before any engine sees them.

const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));

/** MP4/MOV top-level boxes a file may start with (old QuickTime writers start with wide/mdat/free). */
const ISO_BOXES = new Set(["ftyp", "moov", "mdat", "free", "wide", "skip", "pnot"]);

export type Container = "iso-bmff" | "matroska" | "avi";

export function sniffContainer(head: Uint8Array): Container | null {
  if (head.length >= 8 && ISO_BOXES.has(ascii(head, 4, 8))) return "iso-bmff";
  if (head.length >= 4 && head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) return "matroska";
  if (head.length >= 12 && ascii(head, 0, 4) === "RIFF" && ascii(head, 8, 12) === "AVI ") return "avi";
  return null;
}

export const NOT_A_VIDEO_MESSAGE =
  "is not a video file (its contents are not MP4, MOV, MKV, WebM or AVI). It was not shared; check the file and upload it again.";
