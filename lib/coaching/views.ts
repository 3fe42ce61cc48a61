// What the pages hand the coaching components: plain data, and for a student only
// what they may see (another student's address never leaves the server).
import type { Database } from "@/db/client";
import type { CoachingNote, CoachingQuestion, Video } from "@/db/schema";
import { notesForStudent, notesOfVideo } from "./notes";
import { questionsForStudent, questionsOfVideo } from "./questions";
import { ASKED_BY_YOU } from "./moments";
import type { NoteView, QuestionView } from "./rules";
import { studentsOfVideo, type StudentViewer } from "./viewer";

const noteView = (n: CoachingNote): NoteView => ({
  id: n.id,
  atSeconds: n.atSeconds,
  endSeconds: n.endSeconds,
  text: n.text,
  drawing: n.drawing,
  audienceEmail: n.audienceEmail,
});

const questionView = (q: CoachingQuestion, askedBy: string): QuestionView => ({
  id: q.id,
  atSeconds: q.atSeconds,
  text: q.text,
  answer: q.answer,
  public: q.public,
  askedBy,
});

export async function studentCoaching(db: Database, viewer: StudentViewer) {
  const [notes, questions] = await Promise.all([notesForStudent(db, viewer), questionsForStudent(db, viewer)]);
  return {
    notes: notes.map(noteView),
    questions: questions.map((q) => questionView(q, q.studentEmail === viewer.studentEmail ? ASKED_BY_YOU : "Another student")),
  };
}

/** For the trainer's watch page; `video` was loaded through ownedVideo. */
export async function trainerCoaching(db: Database, video: Video) {
  const [notes, questions, students] = await Promise.all([
    notesOfVideo(db, video),
    questionsOfVideo(db, video),
    studentsOfVideo(db, video.id),
  ]);
  return {
    notes: notes.map(noteView),
    questions: questions.map((q) => questionView(q, q.studentEmail)),
    students: students.map((s) => ({ email: s.email, name: s.name })),
    hilights: video.probe?.hilights ?? [],
  };
}
