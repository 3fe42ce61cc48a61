import "server-only";
// The Video: where its objects live, the URLs a viewer gets, ownership lookups,
// trainer reads and deletion. Uploads and shares build on it; it imports neither.
export * from "./delete";
export * from "./objects";
export * from "./queries";
export * from "./playback";
