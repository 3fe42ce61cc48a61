// What a note, a drawing and a question may hold. Browser-safe (zod only): the
// trainer's editor checks a drawing with the same schema the API parses it with.
import { z } from "zod";
import { emailAddress } from "@/lib/email-address";
import { MAX_LINE_POINTS, MAX_NOTE_CHARS, MAX_QUESTION_CHARS, MAX_SHAPES, MAX_TOTAL_POINTS, NOTE_COLORS } from "./moments";

export * from "./moments";

/** The longest video we accept notes on (a whole day), a sanity bound before the video's own duration is checked. */
const MAX_SECONDS = 24 * 3600;

// Coordinates are fractions of the frame (0..1), so a drawing fits every rendition and screen.
const coord = z.number().min(0, "A drawing point lies outside the frame.").max(1, "A drawing point lies outside the frame.");
const point = z.tuple([coord, coord]);
const color = z.enum(NOTE_COLORS, { error: `Colour must be one of ${NOTE_COLORS.join(", ")}.` });

export const shapeSchema = z.discriminatedUnion(
  "kind",
  [
    z.strictObject({ kind: z.literal("arrow"), color, from: point, to: point }),
    z.strictObject({
      kind: z.literal("circle"),
      color,
      center: point,
      radius: z.tuple([z.number().min(0.005).max(1), z.number().min(0.005).max(1)]),
    }),
    z.strictObject({
      kind: z.literal("line"),
      color,
      points: z
        .array(point)
        .min(2, "A line needs at least two points.")
        .max(MAX_LINE_POINTS, `A line has at most ${MAX_LINE_POINTS} points.`),
    }),
  ],
  { error: "Unknown shape: draw an arrow, a circle or a line." },
);

export const drawingSchema = z
  .strictObject({
    shapes: z.array(shapeSchema).min(1, "A drawing needs a shape.").max(MAX_SHAPES, `At most ${MAX_SHAPES} shapes per note.`),
  })
  .refine((d) => d.shapes.reduce((n, s) => n + (s.kind === "line" ? s.points.length : 2), 0) <= MAX_TOTAL_POINTS, {
    message: `A drawing has at most ${MAX_TOTAL_POINTS} points.`,
  });

export type Shape = z.infer<typeof shapeSchema>;
export type Drawing = z.infer<typeof drawingSchema>;

const seconds = z.number({ error: "Time must be a number of seconds." }).min(0, "Time cannot be negative.").max(MAX_SECONDS);

export const noteInput = z
  .strictObject({
    atSeconds: seconds,
    endSeconds: seconds.nullish(),
    text: z
      .string({ error: "Write the note." })
      .trim()
      .min(1, "Write the note.")
      .max(MAX_NOTE_CHARS, `A note has at most ${MAX_NOTE_CHARS} characters.`),
    /** "all" = every student the video is shared with; else one student's address. */
    audience: z.union([z.literal("all"), emailAddress]),
    drawing: drawingSchema.nullish(),
  })
  .refine((n) => n.endSeconds == null || n.endSeconds > n.atSeconds, { message: "The end of the range must come after its start." });
export type NoteInput = z.input<typeof noteInput>;

export const questionInput = z.strictObject({
  atSeconds: seconds,
  text: z
    .string({ error: "Write your question." })
    .trim()
    .min(1, "Write your question.")
    .max(MAX_QUESTION_CHARS, `A question has at most ${MAX_QUESTION_CHARS} characters.`),
});

export const answerInput = z
  .strictObject({
    answer: z
      .string()
      .trim()
      .min(1, "Write the answer.")
      .max(MAX_NOTE_CHARS, `An answer has at most ${MAX_NOTE_CHARS} characters.`)
      .optional(),
    public: z.boolean().optional(),
  })
  .refine((a) => a.answer !== undefined || a.public !== undefined, { message: "Send an answer or a visibility." });
