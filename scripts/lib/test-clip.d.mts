// Types for test-clip.mjs, so the TypeScript tests import it checked.
export function clipArgs(o: {
  size: string;
  seconds: number;
  codec: "hevc" | "h264";
  toneHz?: number | null;
  x265Params?: string;
}): string[];
