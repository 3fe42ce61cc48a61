// The ffmpeg arguments for a synthetic camera clip — a moving test pattern, optionally
// with a tone — shared by the integration tests, the e2e suite and the media benchmark,
// so "a GoPro-like file" means the same thing in all three. HEVC is tagged hvc1 and
// paired with AAC, as a GoPro writes it in its high-efficiency mode.

/**
 * @param {{ size: string; seconds: number; codec: "hevc" | "h264"; toneHz?: number | null; x265Params?: string }} o
 * @returns {string[]} everything between `ffmpeg -v error -y` and the output file
 */
export function clipArgs({ size, seconds, codec, toneHz = 440, x265Params = "" }) {
  const tone = toneHz === null ? [] : ["-f", "lavfi", "-i", `sine=frequency=${toneHz}:sample_rate=48000`];
  const video =
    codec === "hevc"
      ? [
          "-c:v",
          "libx265",
          "-preset",
          "ultrafast",
          "-x265-params",
          ["log-level=error", x265Params].filter(Boolean).join(":"),
          "-tag:v",
          "hvc1",
        ]
      : ["-c:v", "libx264", "-preset", "ultrafast"];
  return [
    ...["-f", "lavfi", "-i", `testsrc2=size=${size}:rate=30`],
    ...tone,
    ...["-t", String(seconds)],
    ...video,
    ...["-pix_fmt", "yuv420p"],
    ...(toneHz === null ? [] : ["-c:a", "aac"]),
  ];
}
