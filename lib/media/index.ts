import "server-only";
// Media: probe, renditions, poster and storyboard of a video, made by a job
// per video (ffmpeg locally). The rendition list is declared once (renditions.ts).
export * from "./jobs";
export * from "./probe";
export * from "./renditions";
export * from "./sniff";
export { toolPath } from "./tools";
export * from "./chapters";
export * from "./hilights";
