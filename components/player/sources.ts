// Which source a player shows, framework-free (the React player and the link page's module share it):
// 720p on phones, 1080p on large screens, the original only where this browser decodes its codecs,
// and the rendition to offer when a source plays sound without a picture.
import type { PlaybackSource } from "@/lib/videos/playback";

export type PlayerSource = PlaybackSource;

/** The menu's name for the trainer's file. */
export const ORIGINAL = "original";

/** 1080p only where it shows: a large screen (CSS px × device pixels ≥ 1600 wide). */
export function isLargeScreen(win: Pick<Window, "matchMedia" | "innerWidth" | "devicePixelRatio">): boolean {
  return win.matchMedia("(min-width: 1024px)").matches && win.innerWidth * (win.devicePixelRatio || 1) >= 1600;
}

/** The rendition this screen gets: the tallest on a large screen, else the smallest. */
export function preferredRendition(renditions: PlayerSource[], large: boolean): PlayerSource | undefined {
  const byHeight = [...renditions].sort((a, b) => a.height - b.height);
  return (large ? byHeight.at(-1) : byHeight[0]) ?? undefined;
}

/** Whether this browser says it can decode `type` (container and codecs). */
export function canDecode(type: string): boolean {
  return document.createElement("video").canPlayType(type) !== "";
}

/** The original as a menu entry. */
export function originalSource(original: { url: string; type: string }, label: string): PlayerSource {
  return { name: ORIGINAL, label, url: original.url, type: original.type, width: 0, height: 0 };
}

/** What the quality menu offers: the renditions, then the original where it decodes. */
export function playerSources(renditions: PlayerSource[], original: PlayerSource, originalDecodable: boolean): PlayerSource[] {
  return [...renditions, ...(originalDecodable ? [original] : [])];
}

/** The first choice: the screen's rendition, else the original where it decodes, else none yet. */
export function firstChoice(renditions: PlayerSource[], original: PlayerSource, originalDecodable: boolean, large: boolean) {
  return preferredRendition(renditions, large) ?? (originalDecodable ? original : null);
}

/** The rendition to offer instead of one that showed no picture. */
export function pictureFallback(renditions: PlayerSource[], noPicture: string | null): PlayerSource | undefined {
  return renditions.find((r) => r.name !== noPicture);
}

/** Nothing this browser can show: no picture from the chosen source, or no rendition, no decodable original and no job at work. */
export function cannotPlay(s: {
  noPicture: string | null;
  started: boolean;
  selected: PlayerSource | null;
  renditions: PlayerSource[];
  originalDecodable: boolean;
  preparing: boolean;
}): boolean {
  return !!s.noPicture || (s.started && !s.selected && s.renditions.length === 0 && !s.originalDecodable && !s.preparing);
}

/** The <source>'s type attribute: the container only (a codecs list there makes some browsers refuse it). */
export const sourceType = (type: string) => type.split(";")[0];

/** While the media job makes the phone version, the page looks again this often. */
export const PREPARING_POLL_MS = 10_000;
