import "server-only";
// Coaching on the video: time-coded notes with drawings, questions and answers,
// GoPro HiLights as note candidates, and the emails they cause.
export * from "./notes";
export * from "./questions";
export * from "./viewer";
export * from "./emails";
export * from "./views";
