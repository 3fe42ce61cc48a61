// The one rendition list. Both engines (ffmpeg locally, MediaConvert in AWS)
// build their outputs from it, the student page offers it as the quality menu,
// and deletion walks the keys it implies. Shared with the browser: no server imports.
import type { VideoRendition, VideoStoryboard } from "@/db/schema";

export interface Rendition {
  /** Stable name: part of the object key and the quality menu. */
  name: "720p" | "1080p";
  /** Target height of a landscape frame (the short side); never above the source's. */
  height: number;
  videoBitrate: number;
  maxBitrate: number;
  audioBitrate: number;
  /** Shown in the quality menu. */
  label: string;
}

/** 720p first: it is the one phones play, and the one that releases the share emails. */
export const RENDITIONS: readonly Rendition[] = [
  { name: "720p", height: 720, videoBitrate: 2_800_000, maxBitrate: 3_000_000, audioBitrate: 128_000, label: "720p (phone)" },
  { name: "1080p", height: 1080, videoBitrate: 5_500_000, maxBitrate: 6_000_000, audioBitrate: 160_000, label: "1080p (large screen)" },
];

/** Frame rate cap for renditions: GoPro's 120/240 fps slow-motion modes are 60 fps on a phone. */
export const MAX_RENDITION_FPS = 60;

/** Storyboard: one thumbnail every `interval` seconds, tiles of this size, this many columns. */
export const STORYBOARD = { tileWidth: 160, tileHeight: 90, columns: 10, maxTiles: 100 } as const;

/** What a finished rendition / storyboard records on the video (db/schema). */
export type StoredRendition = VideoRendition;
export type StoredStoryboard = VideoStoryboard;

/** Where a video's derived media lives: next to its original, under videos/<id>/. */
export const mediaKeys = {
  /** `<base><modifier>.mp4`: the form MediaConvert names a file output (base from its Destination, modifier per output). */
  renditionBase: (videoId: string) => `videos/${videoId}/rendition`,
  renditionModifier: (name: Rendition["name"]) => `-${name}`,
  rendition: (videoId: string, name: Rendition["name"]) => `videos/${videoId}/rendition-${name}.mp4`,
  poster: (videoId: string) => `videos/${videoId}/poster.jpg`,
  /** MediaConvert's frame capture numbers its files: one capture is poster.0000000.jpg. */
  posterBase: (videoId: string) => `videos/${videoId}/poster`,
  mediaConvertPoster: (videoId: string) => `videos/${videoId}/poster.0000000.jpg`,
  storyboardImage: (videoId: string) => `videos/${videoId}/storyboard.jpg`,
  storyboardVtt: (videoId: string) => `videos/${videoId}/storyboard.vtt`,
};

/**
 * Every derived object a video may have. Keys are fixed by the video id, so
 * deletion removes them all without knowing how far the job got (deleting a
 * missing object is not an error in S3).
 */
export function mediaObjectKeys(videoId: string): string[] {
  return [
    ...RENDITIONS.map((r) => mediaKeys.rendition(videoId, r.name)),
    mediaKeys.poster(videoId),
    mediaKeys.mediaConvertPoster(videoId),
    mediaKeys.storyboardImage(videoId),
    mediaKeys.storyboardVtt(videoId),
  ];
}

/** Output size for a rendition of a source: the short side becomes the rendition's height (or the source's, if smaller), both even. */
export function renditionSize(source: { width: number; height: number }, rendition: Pick<Rendition, "height">) {
  const short = Math.min(source.width, source.height);
  const target = Math.min(rendition.height, short);
  const scale = target / short;
  const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);
  return { width: even(source.width * scale), height: even(source.height * scale) };
}

/**
 * The renditions a source gets: each one not above the source. A source below
 * 720p still gets the first (at its own size): it may be HEVC a phone cannot play.
 */
export function renditionsFor(source: { width: number; height: number }): Rendition[] {
  const short = Math.min(source.width, source.height);
  const fit = RENDITIONS.filter((r) => r.height <= short);
  return fit.length ? fit : [RENDITIONS[0]];
}
