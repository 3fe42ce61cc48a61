// The local engine: ffmpeg makes the renditions, poster and storyboard from
// the rendition list. Input is a URL (a presigned GET) or a concat list of
// them; outputs are files in a temp dir that the job then stores.
import { displaySize, type MediaProbe } from "./probe";
import { MAX_RENDITION_FPS, renditionSize, STORYBOARD, type Rendition } from "./renditions";
import { run } from "./tools";

/** ffmpeg arguments for one H.264/AAC MP4 rendition, `faststart` so a phone starts playing before the whole file is fetched. */
export function renditionArgs(
  input: string,
  output: string,
  rendition: Rendition,
  probe: MediaProbe,
  inputOptions: string[] = [],
): string[] {
  const size = renditionSize(displaySize(probe), rendition);
  const filters = [`scale=${size.width}:${size.height}`];
  if (probe.video.fps > MAX_RENDITION_FPS) filters.push(`fps=${MAX_RENDITION_FPS}`);
  const fps = Math.min(probe.video.fps || 30, MAX_RENDITION_FPS);
  return [
    "-nostdin",
    "-v",
    "error",
    "-y",
    ...inputOptions,
    "-i",
    input,
    "-map",
    "0:v:0",
    "-map",
    "0:a:0?",
    "-vf",
    filters.join(","),
    "-c:v",
    "libx264",
    "-preset",
    "veryfast",
    "-profile:v",
    "high",
    "-pix_fmt",
    "yuv420p",
    "-b:v",
    String(rendition.videoBitrate),
    "-maxrate",
    String(rendition.maxBitrate),
    "-bufsize",
    String(rendition.maxBitrate * 2),
    // A keyframe every 2 s: seeking lands close to where the student clicked.
    "-g",
    String(Math.round(fps * 2)),
    "-c:a",
    "aac",
    "-b:a",
    String(rendition.audioBitrate),
    "-ac",
    "2",
    "-movflags",
    "+faststart",
    "-f",
    "mp4",
    output,
  ];
}

/** Chapters of one recording: ffmpeg's concat demuxer reads a list file naming each chapter's URL in order. */
export function concatList(urls: string[]): string {
  return ["ffconcat version 1.0", ...urls.map((u) => `file '${u.replace(/'/g, "'\\''")}'`)].join("\n") + "\n";
}
export const CONCAT_INPUT = ["-f", "concat", "-safe", "0", "-protocol_whitelist", "file,http,https,tcp,tls,crypto"];

export async function makeRendition(
  input: string,
  output: string,
  rendition: Rendition,
  probe: MediaProbe,
  opts: { inputOptions?: string[]; signal?: AbortSignal } = {},
) {
  await run("ffmpeg", renditionArgs(input, output, rendition, probe, opts.inputOptions), { signal: opts.signal });
}

/** A poster frame a couple of seconds in (the first frames are often the camera being mounted). */
export async function makePoster(input: string, output: string, durationSeconds: number) {
  const at = Math.min(2, durationSeconds / 2);
  await run("ffmpeg", [
    "-nostdin",
    "-v",
    "error",
    "-y",
    "-ss",
    at.toFixed(2),
    "-i",
    input,
    "-frames:v",
    "1",
    "-q:v",
    "3",
    "-f",
    "image2",
    output,
  ]);
}

export interface StoryboardPlan {
  interval: number;
  tiles: number;
  columns: number;
  rows: number;
  tileWidth: number;
  tileHeight: number;
}

export function storyboardPlan(durationSeconds: number): StoryboardPlan {
  const interval = Math.max(1, Math.ceil(durationSeconds / STORYBOARD.maxTiles));
  const tiles = Math.max(1, Math.ceil(durationSeconds / interval));
  const columns = Math.min(STORYBOARD.columns, tiles);
  return { interval, tiles, columns, rows: Math.ceil(tiles / columns), tileWidth: STORYBOARD.tileWidth, tileHeight: STORYBOARD.tileHeight };
}

/** A sprite of thumbnails (one per interval) for scrub previews. */
export async function makeStoryboardImage(input: string, output: string, plan: StoryboardPlan) {
  const { tileWidth: w, tileHeight: h } = plan;
  const vf = `fps=1/${plan.interval},scale=${w}:${h}:force_original_aspect_ratio=decrease,pad=${w}:${h}:(ow-iw)/2:(oh-ih)/2,tile=${plan.columns}x${plan.rows}`;
  await run("ffmpeg", [
    "-nostdin",
    "-v",
    "error",
    "-y",
    "-i",
    input,
    "-an",
    "-vf",
    vf,
    "-frames:v",
    "1",
    "-q:v",
    "5",
    "-f",
    "image2",
    output,
  ]);
}

const stamp = (s: number) => {
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = s % 60;
  return `${String(hh).padStart(2, "0")}:${String(mm).padStart(2, "0")}:${ss.toFixed(3).padStart(6, "0")}`;
};

/** The WebVTT that maps each time range to its tile (`sprite#xywh=…`), the form players read. */
export function storyboardVtt(plan: StoryboardPlan, durationSeconds: number, spriteUrl: string): string {
  const cues = ["WEBVTT", ""];
  for (let i = 0; i < plan.tiles; i++) {
    const start = i * plan.interval;
    const end = Math.min(durationSeconds, start + plan.interval);
    const x = (i % plan.columns) * plan.tileWidth;
    const y = Math.floor(i / plan.columns) * plan.tileHeight;
    cues.push(`${stamp(start)} --> ${stamp(end)}`, `${spriteUrl}#xywh=${x},${y},${plan.tileWidth},${plan.tileHeight}`, "");
  }
  return cues.join("\n");
}
