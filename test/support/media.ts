// Media fixtures for integration tests: real clips made with ffmpeg (the
// system's or the npm-shipped one), and "video-shaped" random bytes.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { toolPath } from "@/lib/media/tools";
import { clipArgs } from "../../scripts/lib/test-clip.mjs";

/** An MP4 `ftyp` box: enough for the upload's container check, not a playable video. */
export const FTYP = Buffer.from([0, 0, 0, 24, ...Buffer.from("ftypisom"), 0, 0, 2, 0, ...Buffer.from("isommp41")]);

/** Random bytes that start like an MP4 (uploads tests: the bytes matter, not the picture). */
export function mp4ShapedBytes(size: number): Buffer<ArrayBuffer> {
  const b = randomBytes(size);
  FTYP.copy(b, 0);
  return b;
}

const dir = path.join(tmpdir(), "apexshare-test-media");

/** A short clip: HEVC+AAC (as a GoPro writes) or H.264, made once per machine. */
export function makeClip(
  name: string,
  opts: { codec: "hevc" | "h264"; width: number; height: number; seconds: number; audio?: boolean },
): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  const ffmpeg = toolPath("ffmpeg");
  if (!ffmpeg) throw new Error("ffmpeg not found");
  execFileSync(ffmpeg, [
    "-v",
    "error",
    "-y",
    ...clipArgs({
      size: `${opts.width}x${opts.height}`,
      seconds: opts.seconds,
      codec: opts.codec,
      toneHz: opts.audio === false ? null : 440,
    }),
    file,
  ]);
  return file;
}
