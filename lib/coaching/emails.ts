// Coaching emails, all through the outbox (so they commit with the change that causes them):
// - "new feedback": one per student and video, debounced — each new note pushes the
//   queued email FEEDBACK_QUIET_MS further out, and the sweep sends it after the quiet;
// - questions: the trainer's first question email goes at once, later ones within
//   QUESTION_DIGEST_MS join one queued digest sent when the window ends;
// - an answer: straight to the student.
import { and, desc, eq, gt, sql } from "drizzle-orm";
import type { Database, Tx } from "@/db/client";
import { emailOutbox, users, type CoachingQuestion, type Video } from "@/db/schema";
import type { AppContext } from "@/lib/context";
import { enqueueEmail } from "@/lib/email";
import { emailLocale } from "@/lib/i18n";
import { emailSchoolOfSession } from "@/lib/schools/identity";
import { formatMoment } from "./rules";
import { sessionDateOf, studentsOfVideo, studentWasEmailed } from "./viewer";

export const FEEDBACK_QUIET_MS = 5 * 60_000;
export const QUESTION_DIGEST_MS = 10 * 60_000;

type Trainer = { name: string | null; email: string; language: string | null };

async function trainerOf(db: Database | Tx, video: Video): Promise<Trainer> {
  const [t] = await db
    .select({ name: users.name, email: users.email, language: users.language })
    .from(users)
    .where(eq(users.id, video.trainerId));
  return t;
}

const queued = (template: string, recipient: string) =>
  and(eq(emailOutbox.template, template), eq(emailOutbox.recipient, recipient), eq(emailOutbox.status, "queued"));

/** A note was added or changed: each student it reaches gets (or keeps waiting for) one "new feedback" email. */
export async function queueFeedbackEmails(tx: Tx, ctx: AppContext, video: Video, audienceEmail: string | null) {
  const now = ctx.now();
  const notBefore = new Date(now.getTime() + FEEDBACK_QUIET_MS);
  const trainer = await trainerOf(tx, video);
  const students = (await studentsOfVideo(tx, video.id)).filter((s) => audienceEmail === null || s.email === audienceEmail);
  const school = await emailSchoolOfSession(tx, ctx.config.appUrl, video.sessionId);
  for (const s of students) {
    if (!(await studentWasEmailed(tx, s.shareId))) continue;
    const [pending] = await tx
      .select({ id: emailOutbox.id })
      .from(emailOutbox)
      .where(and(queued("coaching-feedback", s.email), sql`${emailOutbox.payload}->>'videoId' = ${video.id}`))
      .limit(1)
      .for("update");
    if (pending) {
      await tx
        .update(emailOutbox)
        .set({
          nextAttemptAt: notBefore,
          payload: sql`jsonb_set(${emailOutbox.payload}, '{noteCount}', to_jsonb((${emailOutbox.payload}->>'noteCount')::int + 1))`,
        })
        .where(eq(emailOutbox.id, pending.id));
      continue;
    }
    await enqueueEmail(tx, {
      recipient: s.email,
      template: "coaching-feedback",
      payload: {
        locale: emailLocale(s.language, school?.defaultLanguage),
        school: school && { name: school.name, logoUrl: school.logoUrl, replyTo: school.replyTo },
        url: `${ctx.config.appUrl}/student/videos/${s.shareId}`,
        videoId: video.id,
        videoTitle: video.title,
        trainerName: trainer.name,
        trainerEmail: trainer.email,
        sessionDate: await sessionDateOf(tx, video),
        noteCount: 1,
      },
      secret: ctx.config.authSecret,
      notBefore,
    });
  }
}

/** A student asked: email the trainer now, or add it to the digest already waiting. */
export async function queueQuestionEmail(tx: Tx, ctx: AppContext, video: Video, question: CoachingQuestion) {
  // One question email decision per trainer at a time: two questions at once must not both start a digest.
  await tx.select({ id: users.id }).from(users).where(eq(users.id, video.trainerId)).for("update");
  const trainer = await trainerOf(tx, video);
  const item = { videoTitle: video.title, studentEmail: question.studentEmail, at: formatMoment(question.atSeconds), text: question.text };
  const [pending] = await tx.select({ id: emailOutbox.id }).from(emailOutbox).where(queued("coaching-questions", trainer.email)).limit(1);
  if (pending) {
    await tx
      .update(emailOutbox)
      .set({
        payload: sql`jsonb_set(${emailOutbox.payload}, '{questions}', (${emailOutbox.payload}->'questions') || ${JSON.stringify([item])}::jsonb)`,
      })
      .where(eq(emailOutbox.id, pending.id));
    return;
  }
  const now = ctx.now();
  const [last] = await tx
    .select({ at: emailOutbox.nextAttemptAt })
    .from(emailOutbox)
    .where(
      and(
        eq(emailOutbox.template, "coaching-questions"),
        eq(emailOutbox.recipient, trainer.email),
        gt(emailOutbox.nextAttemptAt, new Date(now.getTime() - QUESTION_DIGEST_MS)),
      ),
    )
    .orderBy(desc(emailOutbox.nextAttemptAt))
    .limit(1);
  await enqueueEmail(tx, {
    recipient: trainer.email,
    template: "coaching-questions",
    payload: { locale: emailLocale(trainer.language), url: `${ctx.config.appUrl}/trainer`, questions: [item] },
    secret: ctx.config.authSecret,
    // At most one question email per window: the first goes now, the next ones wait for the window's end, together.
    notBefore: last ? new Date(last.at.getTime() + QUESTION_DIGEST_MS) : now,
  });
}

/** The trainer answered: the student gets the answer (if the video is still shared with them). */
export async function queueAnswerEmail(tx: Tx, ctx: AppContext, video: Video, question: CoachingQuestion) {
  const student = (await studentsOfVideo(tx, video.id)).find((s) => s.email === question.studentEmail);
  if (!student || !question.answer) return;
  const trainer = await trainerOf(tx, video);
  const school = await emailSchoolOfSession(tx, ctx.config.appUrl, video.sessionId);
  await enqueueEmail(tx, {
    recipient: student.email,
    template: "coaching-answer",
    payload: {
      locale: emailLocale(student.language, school?.defaultLanguage),
      school: school && { name: school.name, logoUrl: school.logoUrl, replyTo: school.replyTo },
      url: `${ctx.config.appUrl}/student/videos/${student.shareId}`,
      trainerName: trainer.name,
      trainerEmail: trainer.email,
      videoTitle: video.title,
      at: formatMoment(question.atSeconds),
      question: question.text,
      answer: question.answer,
    },
    secret: ctx.config.authSecret,
    notBefore: ctx.now(),
  });
}
