// Where the ffmpeg/ffprobe binaries shipped in the @ffmpeg-installer / @ffprobe-installer npm
// packages live, for a machine without a system ffmpeg. Used by the local launchers (dev.mjs,
// vitest, bench) to set FFMPEG_PATH / FFPROBE_PATH — never by server code, so the deploy
// artifact's file tracing never sees a node_modules path (or 70 MB binaries).
import { accessSync, constants, existsSync } from "node:fs";
import path from "node:path";

function onPath(name) {
  const exe = process.platform === "win32" ? `${name}.exe` : name;
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    try {
      accessSync(path.join(dir, exe), constants.X_OK);
      return true;
    } catch {}
  }
  return false;
}

/** FFMPEG_PATH / FFPROBE_PATH for each tool the system lacks and the npm package has. */
export function mediaToolEnv(root = process.cwd()) {
  const env = {};
  for (const [name, key] of [
    ["ffmpeg", "FFMPEG_PATH"],
    ["ffprobe", "FFPROBE_PATH"],
  ]) {
    if (process.env[key] || onPath(name)) continue;
    const exe = process.platform === "win32" ? `${name}.exe` : name;
    const file = path.join(root, "node_modules", `@${name}-installer`, `${process.platform}-${process.arch}`, exe);
    if (existsSync(file)) env[key] = file;
  }
  return env;
}
