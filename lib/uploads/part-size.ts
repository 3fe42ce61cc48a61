// How an upload is cut into parts: the server decides (lib/uploads), the browser follows, and the
// upload benchmark's peer cuts the same way. No imports, so anything can share it.

export const MiB = 1024 * 1024;
export const GiB = 1024 * MiB;

// S3 multipart limits: 10,000 parts, each 5 MiB … 5 GiB (the last may be smaller).
export const S3_MAX_PARTS = 10_000;
export const S3_MIN_PART = 5 * MiB;
/** 8 MiB keeps a retry cheap on a shaky link. */
const DEFAULT_MIN_PART = 8 * MiB;
/**
 * From 1 GiB up (a GoPro chapter is ~4 GB) parts are 16 MiB: half the parts, so half the sign and
 * record calls per GiB (bench/upload.mjs), and a retry is still seconds on a trainer's uplink.
 */
export const BIG_FILE_BYTES = GiB;
const BIG_FILE_PART = 16 * MiB;

/** The part size for a file of `size` bytes; `minPart` is the configured floor (UPLOAD_MIN_PART_BYTES). */
export function partSizeFor(size: number, minPart = DEFAULT_MIN_PART): number {
  const floor = size >= BIG_FILE_BYTES ? Math.max(minPart, BIG_FILE_PART) : minPart;
  // Bigger files grow parts to stay under 10,000.
  const needed = Math.ceil(size / S3_MAX_PARTS);
  return Math.max(floor, Math.ceil(needed / MiB) * MiB);
}

export function partCountFor(size: number, partSize: number): number {
  return Math.max(1, Math.ceil(size / partSize));
}

/** Expected byte length of part n (1-based). */
export function partLength(size: number, partSize: number, partNumber: number): number {
  const count = partCountFor(size, partSize);
  return partNumber < count ? partSize : size - partSize * (count - 1);
}
