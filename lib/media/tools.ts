// Finds ffmpeg and ffprobe: FFMPEG_PATH/FFPROBE_PATH, else the system's (newer,
// Debian's 5.x here and in CI). Without a system ffmpeg, the local launchers
// (scripts/dev.mjs, vitest, bench) point FFMPEG_PATH/FFPROBE_PATH at the static
// builds inside the @ffmpeg-installer / @ffprobe-installer npm packages
// (scripts/media-tools.mjs), so a newcomer needs nothing beyond `npm install`.
// No node_modules path is built here: the deploy artifact's tracing would pull it in.
import { spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import path from "node:path";

export type Tool = "ffmpeg" | "ffprobe";

const cache = new Map<Tool, string | null>();

function onPath(name: string): string | null {
  const exe = process.platform === "win32" ? `${name}.exe` : name;
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, exe);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {}
  }
  return null;
}

/** Path of the tool, or null when none is installed (then this machine cannot process media). */
export function toolPath(name: Tool): string | null {
  if (!cache.has(name)) {
    const override = process.env[name === "ffmpeg" ? "FFMPEG_PATH" : "FFPROBE_PATH"];
    cache.set(name, override || onPath(name));
  }
  return cache.get(name) ?? null;
}

export class ToolError extends Error {
  constructor(
    readonly tool: Tool,
    readonly code: number | null,
    readonly stderr: string,
  ) {
    super(`${tool} exited with ${code}: ${stderr.trim().split("\n").slice(-3).join(" | ").slice(0, 400)}`);
    this.name = "ToolError";
  }
}

/** Runs the tool; resolves with stdout, rejects with a ToolError carrying stderr's tail. */
export function run(name: Tool, args: string[], opts: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<string> {
  const bin = toolPath(name);
  if (!bin)
    return Promise.reject(new Error(`${name} is not installed: run npm install (it ships in @${name}-installer) or install ffmpeg.`));
  return new Promise((resolve, reject) => {
    // turbopackIgnore: the binary is found at run time; tracing it would pull the whole project into the server bundle.
    const child = spawn(/*turbopackIgnore: true*/ bin, args, {
      stdio: ["ignore", "pipe", "pipe"],
      signal: opts.signal,
      timeout: opts.timeoutMs,
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => (out += c));
    // Keep only the tail: a long transcode logs a lot.
    child.stderr.on("data", (c: Buffer) => (err = (err + c).slice(-8000)));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(out) : reject(new ToolError(name, code, err))));
  });
}
