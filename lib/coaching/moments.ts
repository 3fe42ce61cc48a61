// What a viewer's browser needs of coaching: the colours and limits, moments and their
// notes. Light (no zod): it is in the student page's client code; the schemas are ./rules.
import type { Drawing } from "./rules";

export const NOTE_COLORS = ["red", "yellow", "cyan", "white"] as const;
export type NoteColor = (typeof NOTE_COLORS)[number];
export const COLOR_HEX: Record<(typeof NOTE_COLORS)[number], string> = {
  red: "#ef4444",
  yellow: "#facc15",
  cyan: "#22d3ee",
  white: "#ffffff",
};
export const MAX_SHAPES = 12;
export const MAX_LINE_POINTS = 200;
export const MAX_TOTAL_POINTS = 800;
export const MAX_NOTE_CHARS = 2000;
export const MAX_QUESTION_CHARS = 1000;
/** A note without an end is "the moment": its drawing shows this long after its time. */
export const NOTE_MOMENT_SECONDS = 3;

/** A drawing's strokes, in screen pixels whatever the picture's size. */
export const SHAPE_STROKE_WIDTH = 4;

/** The arrow's head: two short strokes back from the tip, in frame coordinates (an SVG path). */
export function arrowHeadPath(from: [number, number], to: [number, number]): string {
  const [dx, dy] = [to[0] - from[0], to[1] - from[1]];
  const len = Math.hypot(dx, dy) || 1;
  const size = Math.min(0.04, len / 2);
  const [ux, uy] = [dx / len, dy / len];
  const wing = (sign: number) => [to[0] - size * (ux * 0.87 - sign * uy * 0.5), to[1] - size * (uy * 0.87 + sign * ux * 0.5)];
  const [a, b] = [wing(1), wing(-1)];
  return `M${a[0]},${a[1]} L${to[0]},${to[1]} L${b[0]},${b[1]}`;
}

/** m:ss (h:mm:ss past an hour), for lists and emails. */
export function formatMoment(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

/** Whether playback at `t` is within a note's moment (its range, or NOTE_MOMENT_SECONDS from its time). */
export function inMoment(note: { atSeconds: number; endSeconds: number | null }, t: number): boolean {
  // Seeking lands on a frame boundary, a hair before the asked time.
  return t >= note.atSeconds - 0.05 && t <= (note.endSeconds ?? note.atSeconds + NOTE_MOMENT_SECONDS);
}

/** The note playback is in now: of those whose moment contains `t`, the latest to start. */
export function currentNoteId(notes: { id: string; atSeconds: number; endSeconds: number | null }[], t: number): string | null {
  let best: { id: string; atSeconds: number } | null = null;
  for (const n of notes) if (inMoment(n, t) && (!best || n.atSeconds >= best.atSeconds)) best = n;
  return best?.id ?? null;
}

/** A note as a viewer's browser gets it. */
export interface NoteView {
  id: string;
  atSeconds: number;
  endSeconds: number | null;
  text: string;
  drawing: Drawing | null;
  /** null = every student of the video. */
  audienceEmail: string | null;
}

/** How a student's own questions are signed in their thread (the link page adds a new one in the browser). */
export const ASKED_BY_YOU = "You";

/** A question thread as a viewer's browser gets it. */
export interface QuestionView {
  id: string;
  atSeconds: number;
  text: string;
  answer: string | null;
  public: boolean;
  /** Who asked: the trainer sees the address; a student sees "You" or "Another student". */
  askedBy: string;
}
