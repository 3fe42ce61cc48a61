import { createHash, randomBytes } from "node:crypto";
import { execFileSync, spawnSync } from "node:child_process";
import { closeSync, createReadStream, existsSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { clipArgs } from "../../scripts/lib/test-clip.mjs";

const SMALL_VIDEO = path.join(process.cwd(), "e2e", "fixtures", "session.mp4");

/**
 * A file of `mib` MiB: a real 6 s H.264 clip followed by random bytes. Uploads
 * are checked byte for byte; the app refuses files that are not videos, and
 * ffmpeg reads the clip and ignores the tail, so the media job succeeds quickly.
 */
export function randomFile(name: string, mib: number): string {
  const dir = path.join(tmpdir(), "apexshare-e2e-files-v2");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  if (!existsSync(file)) {
    const fd = openSync(file, "w");
    const head = readFileSync(SMALL_VIDEO);
    writeSync(fd, head);
    writeSync(fd, randomBytes(1024 * 1024 - head.length));
    for (let i = 1; i < mib; i++) writeSync(fd, randomBytes(1024 * 1024));
    closeSync(fd);
  }
  return file;
}

/** Random bytes only: what a trainer gets when a card's file is corrupt or not a video at all. */
export function garbageFile(name: string, mib: number): string {
  const dir = path.join(tmpdir(), "apexshare-e2e-files-v2");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  writeFileSync(file, randomBytes(mib * 1024 * 1024));
  return file;
}

/** A short clip made with ffmpeg (the system's, else the one shipped in @ffmpeg-installer). */
export function makeClip(name: string, args: string[]): string {
  const dir = path.join(tmpdir(), "apexshare-e2e-files-v2");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  if (!existsSync(file)) {
    const npm = path.join(process.cwd(), "node_modules", "@ffmpeg-installer", `${process.platform}-${process.arch}`, "ffmpeg");
    const ffmpeg = process.env.FFMPEG_PATH ?? (spawnSync("ffmpeg", ["-version"]).status === 0 ? "ffmpeg" : npm);
    execFileSync(ffmpeg, ["-v", "error", "-y", ...args, file]);
  }
  return file;
}

/** A 2 s 640×360 H.264+AAC clip (a tone of `freq` Hz), e.g. a GoPro chapter named GH01nnnn.MP4. */
export function smallClip(name: string, freq: number): string {
  return makeClip(name, clipArgs({ size: "640x360", seconds: 2, codec: "h264", toneHz: freq }));
}

export function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash("sha256");
    createReadStream(file)
      .on("data", (c) => h.update(c))
      .on("end", () => resolve(h.digest("hex")))
      .on("error", reject);
  });
}
