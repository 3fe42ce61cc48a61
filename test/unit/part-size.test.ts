// How an upload is cut: 8 MiB parts by default, 16 MiB from 1 GiB (fewer sign and record calls), and
// always under S3's 10,000 parts; the configured floor (UPLOAD_MIN_PART_BYTES) still applies.
import { describe, expect, it } from "vitest";
import { GiB, MiB, partCountFor, partLength, partSizeFor, S3_MAX_PARTS } from "@/lib/uploads/part-size";

describe("part size", () => {
  it("cuts files under 1 GiB in 8 MiB parts, and from 1 GiB in 16 MiB parts", () => {
    expect(partSizeFor(200 * MiB)).toBe(8 * MiB);
    expect(partSizeFor(GiB - 1)).toBe(8 * MiB);
    expect(partSizeFor(GiB)).toBe(16 * MiB);
    expect(partCountFor(4 * 10 ** 9, partSizeFor(4 * 10 ** 9))).toBe(239); // a GoPro chapter: 239 parts, was 477
  });

  it("grows parts to stay within S3's 10,000, and keeps a configured floor above the default", () => {
    const huge = 300 * GiB;
    expect(partCountFor(huge, partSizeFor(huge))).toBeLessThanOrEqual(S3_MAX_PARTS);
    expect(partSizeFor(huge) % MiB).toBe(0);
    expect(partSizeFor(100 * MiB, 32 * MiB)).toBe(32 * MiB);
    expect(partSizeFor(2 * GiB, 32 * MiB)).toBe(32 * MiB);
    expect(partSizeFor(100 * MiB, 5 * MiB)).toBe(5 * MiB);
  });

  it("the last part is what is left", () => {
    const size = 3 * 16 * MiB + 123;
    const part = partSizeFor(size, 16 * MiB);
    expect([1, 2, 3, 4].map((n) => partLength(size, part, n))).toEqual([part, part, part, 123]);
  });
});
