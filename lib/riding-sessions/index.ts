import "server-only";
// The riding session: what a trainer works with after a day on track (date,
// title, notes, students, videos in order), and when its students are emailed.
export * from "./announce";
export * from "./queries";
export * from "./service";
export * from "./digest";
