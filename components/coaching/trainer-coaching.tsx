"use client";
// The trainer's watch page: the student's player, with notes pinned to moments
// (optionally a range), for every student or one, and an optional drawing on the
// paused frame; GoPro HiLights as markers that become a note in one click; and the
// students' questions to answer. Every control is a button, field or select, so
// it works from the keyboard; the drawing surface has its own keys (drawing-editor).
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { apiCall, ApiError } from "@/components/api-client";
import { VideoPlayer, type PlayerProps } from "@/components/video-player";
import {
  COLOR_HEX,
  currentNoteId,
  formatMoment,
  inMoment,
  MAX_NOTE_CHARS,
  MAX_SHAPES,
  NOTE_COLORS,
  type NoteColor,
  type NoteView,
  type QuestionView,
  type Shape,
} from "@/lib/coaching/rules";
import { DrawingEditor, type Tool } from "./drawing-editor";
import { DrawingView } from "./drawing-view";
import { MarkerBar, type Marker } from "./marker-bar";
import { NoteList } from "./note-list";
import { useVideoClock, type VideoClock } from "./use-video-clock";

interface Props {
  videoId: string;
  player: PlayerProps;
  notes: NoteView[];
  questions: QuestionView[];
  students: { email: string; name: string | null }[];
  hilights: number[];
}

interface Draft {
  id: string | null;
  atSeconds: string;
  endSeconds: string;
  text: string;
  audience: string;
  shapes: Shape[];
}

const round1 = (t: number) => Math.round(t * 10) / 10;

export function TrainerCoaching({ videoId, player, notes, questions, students, hilights }: Props) {
  const t = useTranslations("trainerCoaching");
  const router = useRouter();
  const clock = useVideoClock(player.durationSeconds);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [tool, setTool] = useState<Tool | null>(null);
  const [color, setColor] = useState<NoteColor>("red");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const studentLabel = (email: string) => students.find((s) => s.email === email)?.name ?? email;
  const current = currentNoteId(notes, clock.time);

  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      router.refresh();
      return true;
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t("failed"));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const startNote = () => {
    clock.element?.pause();
    setDraft({ id: null, atSeconds: String(round1(clock.time)), endSeconds: "", text: "", audience: "all", shapes: [] });
    setTool(null);
  };
  const editNote = (n: NoteView) => {
    clock.seek(n.atSeconds);
    setDraft({
      id: n.id,
      atSeconds: String(n.atSeconds),
      endSeconds: n.endSeconds == null ? "" : String(n.endSeconds),
      text: n.text,
      audience: n.audienceEmail ?? "all",
      shapes: n.drawing?.shapes ?? [],
    });
    setTool(null);
  };
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!draft) return;
    const body = {
      atSeconds: Number(draft.atSeconds),
      endSeconds: draft.endSeconds.trim() === "" ? null : Number(draft.endSeconds),
      text: draft.text,
      audience: draft.audience,
      drawing: draft.shapes.length ? { shapes: draft.shapes } : null,
    };
    const ok = await run(() =>
      draft.id ? apiCall("PUT", `/api/videos/${videoId}/notes/${draft.id}`, body) : apiCall("POST", `/api/videos/${videoId}/notes`, body),
    );
    if (ok) {
      setDraft(null);
      setTool(null);
    }
  };

  const notedAt = (at: number) => notes.some((n) => Math.abs(n.atSeconds - at) < 0.5);
  const markers: Marker[] = [
    ...notes.map((n) => ({
      id: n.id,
      atSeconds: n.atSeconds,
      label: n.text.slice(0, 60),
      kind: "note" as const,
      active: n.id === current,
    })),
    ...hilights
      .filter((h) => !notedAt(h))
      .map((h, i) => ({ id: String(i), atSeconds: h, label: t("hilightMarker"), kind: "hilight" as const })),
  ];
  const showing = notes.filter((n) => n.drawing && n.id !== draft?.id && inMoment(n, clock.time));

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
      <div>
        <VideoPlayer
          {...player}
          onVideoElement={clock.attach}
          overlay={
            draft ? (
              <DrawingEditor
                tool={tool}
                color={color}
                shapes={draft.shapes}
                onAdd={(s) => setDraft({ ...draft, shapes: [...draft.shapes, s] })}
              />
            ) : showing.length ? (
              <div className="pointer-events-none absolute left-0 top-0 aspect-video w-full">
                {showing.map((n) => (
                  <DrawingView key={n.id} drawing={n.drawing!} />
                ))}
              </div>
            ) : null
          }
          timeline={<MarkerBar markers={markers} duration={clock.duration} onSeek={clock.seek} />}
        />
        {error && (
          <p role="alert" className="mt-2 text-sm text-red-700">
            {error}
          </p>
        )}
        {draft ? (
          <NoteForm
            draft={draft}
            setDraft={setDraft}
            students={students}
            tool={tool}
            setTool={setTool}
            color={color}
            setColor={setColor}
            clock={clock}
            busy={busy}
            onSubmit={save}
            onCancel={() => {
              setDraft(null);
              setTool(null);
            }}
          />
        ) : (
          <button
            type="button"
            onClick={startNote}
            className="mt-3 rounded-lg bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark"
          >
            {t("addNoteAt", { at: formatMoment(clock.time) })}
          </button>
        )}
        {hilights.length > 0 && (
          <section className="mt-4" aria-labelledby="hilights-heading">
            <h2 id="hilights-heading" className="font-semibold">
              {t("hilights")}
            </h2>
            <p className="text-sm text-zinc-600">{t("hilightsHelp")}</p>
            <ul className="mt-2 flex flex-wrap gap-2">
              {hilights.map((h, i) => (
                <li
                  key={i}
                  data-testid="hilight-item"
                  className="flex items-center gap-1 rounded-lg border border-amber-300 bg-amber-50 px-2 py-1 text-sm"
                >
                  <button type="button" className="font-mono font-semibold" onClick={() => clock.seek(h)}>
                    {formatMoment(h)}
                  </button>
                  {notedAt(h) ? (
                    <span className="text-zinc-500">{t("noted")}</span>
                  ) : (
                    <button
                      type="button"
                      disabled={busy}
                      className="text-brand underline"
                      onClick={() =>
                        run(() => apiCall("POST", `/api/videos/${videoId}/notes`, { atSeconds: h, text: "HiLight", audience: "all" }))
                      }
                    >
                      {t("makeNote")}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
      <aside className="space-y-6">
        <section aria-labelledby="notes-heading">
          <h2 id="notes-heading" className="font-semibold">
            {t("notes")}
          </h2>
          <div className="mt-2">
            <NoteList
              notes={notes}
              currentId={current}
              onSeek={clock.seek}
              audienceLabel={(n) => (n.audienceEmail ? t("only", { who: studentLabel(n.audienceEmail) }) : t("allStudents"))}
              actions={(n) => (
                <>
                  <button
                    type="button"
                    className="text-brand underline"
                    aria-label={t("editLabel", { at: formatMoment(n.atSeconds) })}
                    onClick={() => editNote(n)}
                  >
                    {t("edit")}
                  </button>
                  <button
                    type="button"
                    className="text-red-700 underline"
                    aria-label={t("deleteLabel", { at: formatMoment(n.atSeconds) })}
                    disabled={busy}
                    onClick={() => run(() => apiCall("DELETE", `/api/videos/${videoId}/notes/${n.id}`))}
                  >
                    {t("delete")}
                  </button>
                </>
              )}
            />
          </div>
        </section>
        <TrainerQuestions videoId={videoId} questions={questions} onSeek={clock.seek} run={run} busy={busy} />
      </aside>
    </div>
  );
}

function NoteForm({
  draft,
  setDraft,
  students,
  tool,
  setTool,
  color,
  setColor,
  clock,
  busy,
  onSubmit,
  onCancel,
}: {
  draft: Draft;
  setDraft: (d: Draft) => void;
  students: { email: string; name: string | null }[];
  tool: Tool | null;
  setTool: (t: Tool | null) => void;
  color: NoteColor;
  setColor: (c: NoteColor) => void;
  clock: VideoClock;
  busy: boolean;
  onSubmit: (e: React.FormEvent) => void;
  onCancel: () => void;
}) {
  const t = useTranslations("trainerCoaching");
  const field = "rounded border border-zinc-300 bg-white px-2 py-1";
  return (
    <form
      onSubmit={onSubmit}
      aria-label={draft.id ? t("editNote") : t("newNote")}
      className="mt-3 space-y-3 rounded-xl border border-zinc-200 bg-white p-3"
    >
      <div className="flex flex-wrap items-end gap-3 text-sm">
        <label className="flex flex-col">
          {t("at")}
          <input
            type="number"
            min={0}
            step={0.1}
            required
            value={draft.atSeconds}
            onChange={(e) => setDraft({ ...draft, atSeconds: e.target.value })}
            className={`${field} w-24`}
          />
        </label>
        <button
          type="button"
          className="text-brand underline"
          onClick={() => setDraft({ ...draft, atSeconds: String(round1(clock.time)) })}
        >
          {t("useCurrent", { at: formatMoment(clock.time) })}
        </button>
        <label className="flex flex-col">
          {t("until")}
          <input
            type="number"
            min={0}
            step={0.1}
            value={draft.endSeconds}
            onChange={(e) => setDraft({ ...draft, endSeconds: e.target.value })}
            className={`${field} w-24`}
          />
        </label>
        <label className="flex flex-col">
          {t("for")}
          <select
            aria-label={t("for")}
            value={draft.audience}
            onChange={(e) => setDraft({ ...draft, audience: e.target.value })}
            className={field}
          >
            <option value="all">{t("allStudents")}</option>
            {students.map((s) => (
              <option key={s.email} value={s.email}>
                {t("only", { who: s.name ? `${s.name} (${s.email})` : s.email })}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="block text-sm">
        {t("note")}
        <textarea
          value={draft.text}
          onChange={(e) => setDraft({ ...draft, text: e.target.value })}
          maxLength={MAX_NOTE_CHARS}
          required
          rows={3}
          className="mt-1 w-full rounded-lg border border-zinc-300 p-2"
        />
      </label>
      <fieldset className="flex flex-wrap items-center gap-2 text-sm">
        <legend className="mb-1 text-sm">{t("draw")}</legend>
        {(["arrow", "circle", "line"] as const).map((k) => (
          <button
            key={k}
            type="button"
            aria-pressed={tool === k}
            disabled={draft.shapes.length >= MAX_SHAPES && tool !== k}
            onClick={() => {
              clock.element?.pause();
              setTool(tool === k ? null : k);
            }}
            className={`rounded border px-2 py-1 ${tool === k ? "border-brand bg-orange-50 font-semibold" : "border-zinc-300"}`}
          >
            {t("tool", { tool: k })}
          </button>
        ))}
        <span className="ml-2">{t("colour")}</span>
        {NOTE_COLORS.map((c) => (
          <button
            key={c}
            type="button"
            aria-label={t("colourName", { color: c })}
            aria-pressed={color === c}
            onClick={() => setColor(c)}
            className={`h-6 w-6 rounded-full border-2 ${color === c ? "border-zinc-900" : "border-zinc-300"}`}
            style={{ background: COLOR_HEX[c] }}
          />
        ))}
        <button
          type="button"
          className="ml-2 underline disabled:opacity-40"
          disabled={!draft.shapes.length}
          onClick={() => setDraft({ ...draft, shapes: draft.shapes.slice(0, -1) })}
        >
          {t("undoShape")}
        </button>
        <button
          type="button"
          className="underline disabled:opacity-40"
          disabled={!draft.shapes.length}
          onClick={() => setDraft({ ...draft, shapes: [] })}
        >
          {t("clearDrawing")}
        </button>
        <span data-testid="draft-shapes" className="text-zinc-500">
          {t("shapes", { count: draft.shapes.length })}
        </span>
      </fieldset>
      <div className="flex gap-3">
        <button type="submit" disabled={busy} className="rounded-lg bg-brand px-4 py-2 font-semibold text-white disabled:opacity-50">
          {draft.id ? t("saveNote") : t("addNote")}
        </button>
        <button type="button" onClick={onCancel} className="rounded-lg border border-zinc-300 px-4 py-2">
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}

function TrainerQuestions({
  videoId,
  questions,
  onSeek,
  run,
  busy,
}: {
  videoId: string;
  questions: QuestionView[];
  onSeek: (t: number) => void;
  run: (work: () => Promise<unknown>) => Promise<boolean>;
  busy: boolean;
}) {
  const t = useTranslations("trainerCoaching");
  const [answers, setAnswers] = useState<Record<string, string>>({});
  return (
    <section aria-labelledby="questions-heading">
      <h2 id="questions-heading" className="font-semibold">
        {t("questions")}
      </h2>
      {questions.length === 0 ? (
        <p className="mt-2 text-sm text-zinc-600">{t("noQuestions")}</p>
      ) : (
        <ol className="mt-2 space-y-2">
          {questions.map((q) => (
            <li key={q.id} data-testid="question-item" className="rounded-lg border border-zinc-200 bg-white p-2 text-sm">
              <button type="button" onClick={() => onSeek(q.atSeconds)} className="font-mono font-semibold text-sky-700">
                {formatMoment(q.atSeconds)}
              </button>{" "}
              <span className="text-zinc-500">{q.askedBy}:</span> <span className="whitespace-pre-wrap">{q.text}</span>
              {q.answer && (
                <p data-testid="question-answer" className="mt-1 whitespace-pre-wrap border-l-4 border-brand pl-2">
                  {q.answer}
                </p>
              )}
              <form
                className="mt-2 space-y-1"
                aria-label={t("answerLabel", { at: formatMoment(q.atSeconds) })}
                onSubmit={async (e) => {
                  e.preventDefault();
                  if (await run(() => apiCall("POST", `/api/videos/${videoId}/questions/${q.id}`, { answer: answers[q.id] ?? "" })))
                    setAnswers({ ...answers, [q.id]: "" });
                }}
              >
                <label className="sr-only" htmlFor={`answer-${q.id}`}>
                  {t("answer")}
                </label>
                <textarea
                  id={`answer-${q.id}`}
                  rows={2}
                  maxLength={MAX_NOTE_CHARS}
                  placeholder={q.answer ? t("changeAnswer") : t("yourAnswer")}
                  value={answers[q.id] ?? ""}
                  onChange={(e) => setAnswers({ ...answers, [q.id]: e.target.value })}
                  className="w-full rounded border border-zinc-300 p-1"
                />
                <div className="flex flex-wrap items-center gap-3">
                  <button
                    type="submit"
                    disabled={busy || !(answers[q.id] ?? "").trim()}
                    className="rounded bg-brand px-3 py-1 font-semibold text-white disabled:opacity-50"
                  >
                    {t("sendAnswer")}
                  </button>
                  <label className="flex items-center gap-1">
                    <input
                      type="checkbox"
                      checked={q.public}
                      disabled={busy}
                      onChange={(e) => run(() => apiCall("POST", `/api/videos/${videoId}/questions/${q.id}`, { public: e.target.checked }))}
                    />
                    {t("public")}
                  </label>
                </div>
              </form>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
