// What a school logo may be — also runs in the browser (the identity page checks a file
// before asking to upload it). S3 enforces the same through the presigned POST's policy.
// No SVG: an SVG can carry script, and it would be served from our bucket.

export const LOGO_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;
export type LogoType = (typeof LOGO_TYPES)[number];

/** A logo is shown at ~48 px high: half a megabyte is plenty. */
export const LOGO_MAX_BYTES = 512 * 1024;

export const isLogoType = (v: string): v is LogoType => (LOGO_TYPES as readonly string[]).includes(v);

/** Whether `bytes` (the file's first bytes) really are the image type it claims. */
export function logoBytesMatch(type: LogoType, bytes: Uint8Array): boolean {
  const starts = (sig: number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);
  switch (type) {
    case "image/png":
      return starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    case "image/jpeg":
      return starts([0xff, 0xd8, 0xff]);
    case "image/webp":
      return starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8); // "RIFF" … "WEBP"
  }
}

/**
 * The logo's lasting address (for emails, read days later): the app's route that redirects to a
 * fresh short-lived URL of the object. `?v=` changes with the logo, so caches never show an old one.
 */
export function schoolLogoPath(school: { id: string; logoKey: string | null }): string | null {
  return school.logoKey ? `/api/schools/${school.id}/logo?v=${school.logoKey.slice(-12)}` : null;
}
