"use client";
// The student's side: the player with the notes' drawings over the picture and
// their markers under it, the note list (under the player; the current note
// highlighted as the video plays), and questions pinned to a moment with the
// trainer's answers. One clock, shared through context, so the player (top of the
// page) and the lists (further down) stay in step.
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { createContext, useContext, useState } from "react";
import { apiCall, ApiError } from "@/components/api-client";
import { VideoPlayer, type PlayerProps } from "@/components/video-player";
import { questionMoment } from "@/components/player/timeline";
import { currentNoteId, formatMoment, inMoment, MAX_QUESTION_CHARS } from "@/lib/coaching/moments";
import { DrawingView } from "./drawing-view";
import { MarkerBar } from "./marker-bar";
import { NoteList } from "./note-list";
import type { NoteView, QuestionView } from "@/lib/coaching/moments";
import { useVideoClock, type VideoClock } from "./use-video-clock";

export interface StudentCoachingData {
  notes: NoteView[];
  questions: QuestionView[];
  /** How the question form proves who asks: the link's token, or the signed-in student's share id. */
  credential: ({ token: string } | { shareId: string }) & { videoId: string };
  durationSeconds: number | null;
}

const Ctx = createContext<{ data: StudentCoachingData; clock: VideoClock } | null>(null);

export function StudentCoaching({ data, children }: { data?: StudentCoachingData; children: React.ReactNode }) {
  if (!data) return <>{children}</>;
  return <Provider data={data}>{children}</Provider>;
}

function Provider({ data, children }: { data: StudentCoachingData; children: React.ReactNode }) {
  const clock = useVideoClock(data.durationSeconds);
  return <Ctx.Provider value={{ data, clock }}>{children}</Ctx.Provider>;
}

/** The player, with the coaching layer when there is one. */
export function CoachedPlayer(props: PlayerProps) {
  const c = useContext(Ctx);
  if (!c) return <VideoPlayer {...props} />;
  const { data, clock } = c;
  const current = currentNoteId(data.notes, clock.time);
  const showing = data.notes.filter((n) => n.drawing && inMoment(n, clock.time));
  return (
    <VideoPlayer
      {...props}
      onVideoElement={clock.attach}
      overlay={
        showing.length > 0 ? (
          <div className="pointer-events-none absolute left-0 top-0 aspect-video w-full">
            {showing.map((n) => (
              <DrawingView key={n.id} drawing={n.drawing!} />
            ))}
          </div>
        ) : null
      }
      timeline={
        <MarkerBar
          duration={clock.duration}
          onSeek={clock.seek}
          markers={data.notes.map((n) => ({
            id: n.id,
            atSeconds: n.atSeconds,
            label: n.text.slice(0, 60),
            kind: "note",
            active: n.id === current,
          }))}
        />
      }
    />
  );
}

/** Notes and questions, under the video. */
export function StudentCoachingPanel() {
  const t = useTranslations("coaching");
  const c = useContext(Ctx);
  if (!c) return null;
  const { data, clock } = c;
  return (
    <>
      <section className="mt-6" aria-labelledby="notes-heading">
        <h2 id="notes-heading" className="font-semibold">
          {t("notesHeading")}
        </h2>
        <div className="mt-2">
          <NoteList
            notes={data.notes}
            currentId={currentNoteId(data.notes, clock.time)}
            onSeek={clock.seek}
            audienceLabel={(n) => (n.audienceEmail ? t("justForYou") : null)}
          />
        </div>
      </section>
      <Questions data={data} clock={clock} />
    </>
  );
}

function Questions({ data, clock }: { data: StudentCoachingData; clock: VideoClock }) {
  const t = useTranslations("coaching");
  const router = useRouter();
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const at = questionMoment(clock.time);
  const ask = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await apiCall("POST", "/api/questions", { ...data.credential, atSeconds: at, text });
      setText("");
      setSent(true);
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t("sendFailed"));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="mt-6" aria-labelledby="questions-heading">
      <h2 id="questions-heading" className="font-semibold">
        {t("questionsHeading")}
      </h2>
      <form onSubmit={ask} aria-label={t("askForm")} className="mt-2 space-y-2">
        <label className="block text-sm text-zinc-700" htmlFor="question-text">
          {t.rich("askAbout", { at: formatMoment(at), tag: (chunks) => <span data-testid="question-at">{chunks}</span> })}
        </label>
        <textarea
          id="question-text"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setSent(false);
          }}
          maxLength={MAX_QUESTION_CHARS}
          rows={2}
          required
          className="w-full rounded-lg border border-zinc-300 p-2"
        />
        <div className="flex items-center gap-3">
          <button
            type="submit"
            disabled={busy || !text.trim()}
            className="rounded-lg bg-brand px-4 py-2 font-semibold text-white disabled:opacity-50"
          >
            {t("askAt", { at: formatMoment(at) })}
          </button>
          {sent && <span className="text-sm text-green-700">{t("sent")}</span>}
          {error && (
            <span role="alert" className="text-sm text-red-700">
              {error}
            </span>
          )}
        </div>
      </form>
      {data.questions.length > 0 && (
        <ol aria-label={t("yourQuestions")} className="mt-3 space-y-2">
          {data.questions.map((q) => (
            <li key={q.id} data-testid="question-thread" className="rounded-lg border border-zinc-200 bg-white p-2 text-sm">
              <button type="button" onClick={() => clock.seek(q.atSeconds)} className="font-mono font-semibold text-sky-700">
                {formatMoment(q.atSeconds)}
              </button>{" "}
              <span className="text-zinc-500">{q.askedBy}:</span> <span className="whitespace-pre-wrap">{q.text}</span>
              {q.answer ? (
                <p data-testid="question-answer" className="mt-1 whitespace-pre-wrap border-l-4 border-brand pl-2 text-zinc-800">
                  {q.answer}
                </p>
              ) : (
                <p className="mt-1 text-zinc-500">{t("waiting")}</p>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
