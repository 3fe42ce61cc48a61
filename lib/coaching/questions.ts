// Questions at a moment: a student asks, the trainer answers (and may make the
// thread public to every student of the video). A student reaches a thread only
// through studentViewer; the trainer only through their own video.
import { and, asc, desc, eq, isNull, ne, or } from "drizzle-orm";
import type { Database } from "@/db/client";
import { coachingQuestions, videos, type CoachingQuestion, type Video } from "@/db/schema";
import type { AppContext } from "@/lib/context";
import { ApiError, parseInput } from "@/lib/http";
import { enforce, POLICIES } from "@/lib/rate-limit";
import { ownedVideo } from "@/lib/videos";
import { queueAnswerEmail, queueQuestionEmail } from "./emails";
import { checkMoment } from "./notes";
import { answerInput, questionInput } from "./rules";
import { studentViewer, type StudentCredential, type StudentViewer } from "./viewer";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function askQuestion(ctx: AppContext, cred: StudentCredential, body: unknown): Promise<CoachingQuestion> {
  const viewer = await studentViewer(ctx, cred);
  if (!viewer) throw new ApiError(404, "Not found.");
  const input = parseInput(questionInput, body);
  checkMoment(viewer.video, input.atSeconds);
  await enforce(ctx.db, POLICIES.questionsPerStudent, `${viewer.video.id}:${viewer.studentEmail}`, ctx.now());
  return ctx.db.transaction(async (tx) => {
    const [question] = await tx
      .insert(coachingQuestions)
      .values({
        videoId: viewer.video.id,
        studentEmail: viewer.studentEmail,
        atSeconds: input.atSeconds,
        text: input.text,
        createdAt: ctx.now(),
      })
      .returning();
    await queueQuestionEmail(tx, ctx, viewer.video, question);
    return question;
  });
}

/** The trainer answers (or changes the answer), and/or makes the thread public or private again. */
export async function answerQuestion(ctx: AppContext, trainerId: string, videoId: string, questionId: string, body: unknown) {
  const video = await ownedVideo(ctx.db, trainerId, videoId);
  if (!UUID.test(questionId)) throw new ApiError(404, "No such question.");
  const [question] = await ctx.db
    .select()
    .from(coachingQuestions)
    .where(and(eq(coachingQuestions.id, questionId), eq(coachingQuestions.videoId, video.id)));
  if (!question) throw new ApiError(404, "No such question.");
  const input = parseInput(answerInput, body);
  return ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(coachingQuestions)
      .set({
        ...(input.answer !== undefined ? { answer: input.answer, answeredAt: ctx.now() } : {}),
        ...(input.public !== undefined ? { public: input.public } : {}),
      })
      .where(eq(coachingQuestions.id, question.id))
      .returning();
    if (input.answer !== undefined && input.answer !== question.answer) await queueAnswerEmail(tx, ctx, video, updated);
    return updated;
  });
}

/** Every thread on a video, for its trainer (the caller loaded the video through ownedVideo). */
export async function questionsOfVideo(db: Database, video: Video): Promise<CoachingQuestion[]> {
  return db.select().from(coachingQuestions).where(eq(coachingQuestions.videoId, video.id)).orderBy(asc(coachingQuestions.atSeconds));
}

/** The threads a student sees: their own, and those the trainer made public. */
export async function questionsForStudent(db: Database, viewer: StudentViewer): Promise<CoachingQuestion[]> {
  return db
    .select()
    .from(coachingQuestions)
    .where(
      and(
        eq(coachingQuestions.videoId, viewer.video.id),
        or(eq(coachingQuestions.studentEmail, viewer.studentEmail), eq(coachingQuestions.public, true)),
      ),
    )
    .orderBy(asc(coachingQuestions.atSeconds));
}

/** The trainer's dashboard: questions still waiting for an answer, oldest first. */
export async function unansweredQuestions(db: Database, trainerId: string, limit = 50) {
  return db
    .select({ question: coachingQuestions, video: { id: videos.id, title: videos.title } })
    .from(coachingQuestions)
    .innerJoin(videos, eq(videos.id, coachingQuestions.videoId))
    .where(and(eq(videos.trainerId, trainerId), ne(videos.status, "deleted"), isNull(coachingQuestions.answer)))
    .orderBy(desc(coachingQuestions.createdAt))
    .limit(limit);
}
