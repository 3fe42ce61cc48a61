// What a video file is, read with ffprobe through a URL (a presigned GET: only
// the headers are fetched, by Range) — and whether it is a video we can decode.
import type { VideoProbe } from "@/db/schema";
import { readHilights } from "./hilights";
import { run, ToolError } from "./tools";

export type MediaProbe = VideoProbe;

/** A file we will not process: the trainer is told why, students are never emailed. */
export class NotAVideoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NotAVideoError";
  }
}

interface FfprobeStream {
  codec_type?: string;
  codec_name?: string;
  codec_tag_string?: string;
  profile?: string;
  width?: number;
  height?: number;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  pix_fmt?: string;
  channels?: number;
  sample_rate?: string;
  tags?: Record<string, string>;
  side_data_list?: { rotation?: number }[];
  disposition?: { attached_pic?: number };
}

function rate(r: string | undefined): number {
  if (!r) return 0;
  const [n, d] = r.split("/").map(Number);
  return d ? Math.round((n / d) * 1000) / 1000 : n || 0;
}

/** Parses ffprobe's JSON; pure, so the rules are testable without a file. */
export function parseProbe(json: string): MediaProbe {
  const data = JSON.parse(json) as { format?: { format_name?: string; duration?: string; bit_rate?: string }; streams?: FfprobeStream[] };
  const streams = data.streams ?? [];
  const video = streams.find((s) => s.codec_type === "video" && !s.disposition?.attached_pic && (s.width ?? 0) > 0);
  if (!video || !video.codec_name) throw new NotAVideoError("This file has no video picture in it.");
  const audio = streams.find((s) => s.codec_type === "audio");
  const duration = Number(data.format?.duration);
  if (!Number.isFinite(duration) || duration <= 0) throw new NotAVideoError("This video has no length: it may be cut off or damaged.");
  const rotation = video.side_data_list?.find((d) => typeof d.rotation === "number")?.rotation ?? Number(video.tags?.rotate ?? 0);
  return {
    container: data.format?.format_name ?? "unknown",
    durationSeconds: Math.round(duration * 1000) / 1000,
    video: {
      codec: video.codec_name,
      profile: video.profile ?? null,
      width: video.width!,
      height: video.height!,
      fps: rate(video.avg_frame_rate) || rate(video.r_frame_rate),
      rotation: ((Math.round(rotation) % 360) + 360) % 360,
      pixelFormat: video.pix_fmt ?? null,
    },
    audio: audio?.codec_name
      ? { codec: audio.codec_name, channels: audio.channels ?? 0, sampleRate: Number(audio.sample_rate ?? 0) }
      : null,
    gpmf: streams.some((s) => s.codec_tag_string === "gpmd" || /GoPro MET/i.test(s.tags?.handler_name ?? "")),
    hilights: null,
    bitrate: data.format?.bit_rate ? Number(data.format.bit_rate) : null,
  };
}

/** Picture size as displayed (a 90°/270° rotation swaps width and height). */
export function displaySize(p: MediaProbe): { width: number; height: number } {
  return p.video.rotation === 90 || p.video.rotation === 270 ? { width: p.video.height, height: p.video.width } : p.video;
}

/**
 * Probes `input` (a path or URL) and decodes its first frame: a valid header
 * over garbage is refused too. Throws NotAVideoError for a file that is not a
 * decodable video; any other error (network, missing tool) is worth a retry.
 */
export async function probeMedia(input: string): Promise<MediaProbe> {
  let json: string;
  try {
    json = await run("ffprobe", ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", input], { timeoutMs: 120_000 });
  } catch (err) {
    if (err instanceof ToolError && isUnreadable(err.stderr))
      throw new NotAVideoError("This file is not a video we can read (it may be damaged, or not a video at all).");
    throw err;
  }
  const probe = parseProbe(json);
  try {
    await run("ffmpeg", ["-v", "error", "-nostdin", "-i", input, "-map", "0:v:0", "-frames:v", "1", "-f", "null", "-"], {
      timeoutMs: 120_000,
    });
  } catch (err) {
    if (err instanceof ToolError && !isTransient(err.stderr))
      throw new NotAVideoError(`The video's picture (${probe.video.codec}) cannot be decoded: the file may be damaged.`);
    throw err;
  }
  // GoPro HiLights (moov/udta/HMMT): a box we cannot read is no reason to refuse a video that decodes.
  const hilights = await readHilights(input).catch((err) => {
    console.warn("[apexshare] HiLights not read", err);
    return null;
  });
  return { ...probe, hilights };
}

const isTransient = (stderr: string) =>
  /Connection (refused|reset|timed out)|Server returned 5\d\d|I\/O error|Network is unreachable/i.test(stderr);
const isUnreadable = (stderr: string) =>
  !isTransient(stderr) &&
  /Invalid data found|moov atom not found|could not find codec|End of file|Unknown format|does not contain any stream/i.test(stderr);
