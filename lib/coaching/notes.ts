// The trainer's time-coded notes on a video. Every write loads the video through
// the trainer's id (lib/videos' ownedVideo): another trainer's video or note is
// the same 404 as a missing one. A student reads only notes for everyone or for them.
import { and, asc, eq, isNull, or } from "drizzle-orm";
import type { Database } from "@/db/client";
import { coachingNotes, type CoachingNote, type NoteDrawing, type Video } from "@/db/schema";
import type { AppContext } from "@/lib/context";
import { ApiError, parseInput } from "@/lib/http";
import { ownedVideo } from "@/lib/videos";
import { queueFeedbackEmails } from "./emails";
import { noteInput, type Drawing } from "./rules";
import { studentsOfVideo, type StudentViewer } from "./viewer";

// The zod schema (browser-safe, so it cannot import db/) and the column's type describe the same shapes.
const _sameShapes: NoteDrawing = {} as Drawing;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NO_NOTE = "No such note.";

/** Past the end of the video by more than a frame or so: a mistake, not a moment. */
export function checkMoment(video: Video, seconds: number | null | undefined) {
  const duration = video.probe?.durationSeconds ?? video.durationSeconds;
  if (seconds != null && duration != null && seconds > duration + 0.5) throw new ApiError(422, "That moment is past the end of the video.");
}

async function parseNote(db: Database, video: Video, body: unknown) {
  const input = parseInput(noteInput, body);
  checkMoment(video, input.atSeconds);
  checkMoment(video, input.endSeconds);
  let audienceEmail: string | null = null;
  if (input.audience !== "all") {
    const students = await studentsOfVideo(db, video.id);
    if (!students.some((s) => s.email === input.audience)) throw new ApiError(422, "That student is not on this video.");
    audienceEmail = input.audience;
  }
  return {
    atSeconds: input.atSeconds,
    endSeconds: input.endSeconds ?? null,
    text: input.text,
    drawing: input.drawing ?? null,
    audienceEmail,
  };
}

async function coachableVideo(db: Database, trainerId: string, videoId: string) {
  const video = await ownedVideo(db, trainerId, videoId);
  if (video.status !== "ready") throw new ApiError(409, "Notes can be added once the video has finished uploading.");
  return video;
}

export async function createNote(ctx: AppContext, trainerId: string, videoId: string, body: unknown): Promise<CoachingNote> {
  const video = await coachableVideo(ctx.db, trainerId, videoId);
  const values = await parseNote(ctx.db, video, body);
  return ctx.db.transaction(async (tx) => {
    const now = ctx.now();
    const [note] = await tx
      .insert(coachingNotes)
      .values({ ...values, videoId: video.id, createdAt: now, updatedAt: now })
      .returning();
    await queueFeedbackEmails(tx, ctx, video, values.audienceEmail);
    return note;
  });
}

async function ownedNote(db: Database, trainerId: string, videoId: string, noteId: string) {
  const video = await coachableVideo(db, trainerId, videoId);
  if (!UUID.test(noteId)) throw new ApiError(404, NO_NOTE);
  const [note] = await db
    .select()
    .from(coachingNotes)
    .where(and(eq(coachingNotes.id, noteId), eq(coachingNotes.videoId, video.id)));
  if (!note) throw new ApiError(404, NO_NOTE);
  return { video, note };
}

export async function updateNote(ctx: AppContext, trainerId: string, videoId: string, noteId: string, body: unknown) {
  const { video, note } = await ownedNote(ctx.db, trainerId, videoId, noteId);
  const values = await parseNote(ctx.db, video, body);
  return ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(coachingNotes)
      .set({ ...values, updatedAt: ctx.now() })
      .where(eq(coachingNotes.id, note.id))
      .returning();
    await queueFeedbackEmails(tx, ctx, video, values.audienceEmail);
    return updated;
  });
}

export async function deleteNote(ctx: AppContext, trainerId: string, videoId: string, noteId: string) {
  const { note } = await ownedNote(ctx.db, trainerId, videoId, noteId);
  await ctx.db.delete(coachingNotes).where(eq(coachingNotes.id, note.id));
  return { deleted: true };
}

/** Every note on a video, in time order: for its trainer (the caller has loaded the video through ownedVideo). */
export async function notesOfVideo(db: Database, video: Video): Promise<CoachingNote[]> {
  return db.select().from(coachingNotes).where(eq(coachingNotes.videoId, video.id)).orderBy(asc(coachingNotes.atSeconds));
}

/** The notes a student sees: for everyone, or for them. */
export async function notesForStudent(db: Database, viewer: StudentViewer): Promise<CoachingNote[]> {
  return db
    .select()
    .from(coachingNotes)
    .where(
      and(
        eq(coachingNotes.videoId, viewer.video.id),
        or(isNull(coachingNotes.audienceEmail), eq(coachingNotes.audienceEmail, viewer.studentEmail)),
      ),
    )
    .orderBy(asc(coachingNotes.atSeconds));
}
