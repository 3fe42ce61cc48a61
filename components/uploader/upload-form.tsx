"use client";
// The trainer's upload page: pick or drop videos, name the students, upload.
// The details live here; the queue (useEnqueue) and the engine do the sending.
import { useLocale, useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { apiCall } from "@/components/api-client";
import { createUploadSchema, goProChapter, groupRecordings, recordingTitle, titleFromFileName, todayIso } from "@/lib/uploads/rules";
import { describeRefusal, uploadMessagesText, type UploadMessage } from "./errors";
import { fieldClass } from "./field";
import { FileDropZone } from "./file-drop-zone";
import { PickedFiles, type PickedFile } from "./picked-files";
import { RefusedFiles, type RefusedFile } from "./refused-files";
import { newStudent, StudentList, type KnownStudent, type StudentGroup } from "./student-list";
import { UnfinishedUploads } from "./unfinished-uploads";
import { LiveUploadProgress } from "./upload-progress";
import { useEnqueue } from "./use-upload-queue";
import { checkUpload, fileRefusal } from "./validate";

export type { KnownStudent, StudentGroup } from "./student-list";

/** An existing riding session the page adds videos to (`?session=`, or the session of an upload being resumed). */
export interface TargetSession {
  id: string;
  title: string;
  sessionDate: string;
  students: string[];
}

export interface ResumableUpload {
  videoId: string;
  fileName: string;
  size: number;
  title: string;
  session: TargetSession;
  percent: number;
}

interface Props {
  maxBytes: number;
  concurrency: number;
  knownStudents: KnownStudent[];
  /** The school's roster groups ("Add group"). */
  groups?: StudentGroup[];
  resumable: ResumableUpload[];
  resumeId?: string;
  /** Adding videos to this session (from its page). */
  addTo?: TargetSession;
  /** How long links last unless the trainer changes it: the school's choice. */
  defaultExpiryDays?: number;
}

export function UploadForm({ maxBytes, concurrency, knownStudents, groups, resumable, resumeId, addTo, defaultExpiryDays = 14 }: Props) {
  const resumeTarget = resumable.find((r) => r.videoId === resumeId);
  const [picked, setPicked] = useState<PickedFile[]>([]);
  // Where the files go: an existing session (adding, or resuming an interrupted upload), else a new one made from the fields.
  const [target, setTarget] = useState<TargetSession | null>(addTo ?? resumeTarget?.session ?? null);
  const t = useTranslations("upload");
  const tError = useTranslations("uploadErrors");
  const locale = useLocale();
  const [students, setStudents] = useState<KnownStudent[]>(() => [newStudent(locale)]);
  const [sessionTitle, setSessionTitle] = useState("");
  const [sessionDate, setSessionDate] = useState(todayIso());
  const [notes, setNotes] = useState("");
  const [expiryDays, setExpiryDays] = useState(defaultExpiryDays);
  const [formErrors, setFormErrors] = useState<UploadMessage[]>([]);
  const [refused, setRefused] = useState<RefusedFile[]>([]);
  const schema = useMemo(() => createUploadSchema(maxBytes), [maxBytes]);
  const enqueue = useEnqueue(concurrency);

  function addFiles(chosen: FileList) {
    // A file that can never upload (wrong type, empty, too big) is refused here, before anything is sent.
    const refusals = [...chosen].map((file) => ({ name: file.name, reason: fileRefusal(file, maxBytes) }));
    setRefused(refusals.filter((r): r is RefusedFile => r.reason !== null));
    const files = [...chosen].filter((_, i) => !refusals[i].reason);
    const next = [...files].map((file) => {
      // A re-selected file that matches an interrupted upload goes back to its session.
      const match = resumable.find((r) => r.fileName === file.name && r.size === file.size);
      if (match && picked.length === 0 && !addTo) setTarget(match.session);
      // GoPro files get a title a student understands when the upload starts ("Session 31 May 2026 — recording 1 of 3").
      return { file, title: match?.title ?? (goProChapter(file.name) ? "" : titleFromFileName(file.name)) };
    });
    setPicked((p) => [...p, ...next].map((x) => ({ ...x, error: undefined })));
    setFormErrors([]);
  }

  async function start() {
    const details = target ? null : { students, sessionTitle, sessionDate, notes, shareExpiryDays: expiryDays };
    const check = checkUpload(schema, picked, details);
    setFormErrors(check.formErrors);
    setPicked((list) => list.map((p, i) => ({ ...p, error: check.fileErrors[i] })));
    if (check.formErrors.length > 0 || check.fileErrors.some(Boolean) || (!target && !check.session)) return;
    const dateForTitles = target?.sessionDate ?? sessionDate;
    // GoPro chapters of one recording upload as one video (the server joins them); recordings in number order.
    const groups = groupRecordings(picked, (p) => p.file.name);
    const recordings = groups.filter((g) => g.recording).length;
    const videos = groups.map((g, i) => {
      const first = g.items[0];
      const title =
        first.title.trim() || (g.recording ? recordingTitle(dateForTitles, i + 1, recordings) : titleFromFileName(first.file.name));
      return { title, files: g.items.map((p) => p.file) };
    });
    // One upload action = one session: made (or opened) first, so the students' email waits for every file.
    let sessionId: string;
    try {
      if (target) {
        await apiCall("POST", `/api/sessions/${target.id}/upload`);
        sessionId = target.id;
      } else {
        // A session of one video is named after it unless the trainer gave the session a title.
        const made = await apiCall<{ id: string }>("POST", "/api/sessions", {
          ...check.session,
          title: check.session!.title || (videos.length === 1 ? videos[0].title : undefined),
        });
        sessionId = made.id;
      }
    } catch (e) {
      setFormErrors([describeRefusal(e)]);
      return;
    }
    const items = videos.flatMap(({ title, files }) => {
      const recordingKey = files.length > 1 ? crypto.randomUUID() : null;
      return files.map((file, k) => ({
        file,
        meta: { sessionId, title, ...(recordingKey ? { recording: { recordingKey, chapter: k + 1, chapterCount: files.length } } : {}) },
      }));
    });
    setPicked([]);
    await enqueue(items);
    // Every file is done (or given up): one email per student about what this action uploaded. If this
    // request is lost, the sweep sends it once the session has been quiet for 30 minutes.
    await apiCall("DELETE", `/api/sessions/${sessionId}/upload`).catch(() => {});
  }

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_1fr]">
      <section className="rounded-xl border border-zinc-200 bg-white p-5">
        <UnfinishedUploads
          resumable={resumable}
          highlightId={resumeId}
          onResume={(file, { title, session }) => void enqueue([{ file, meta: { title, sessionId: session.id } }])}
        />
        <FileDropZone maxBytes={maxBytes} onFiles={addFiles} />
        <RefusedFiles refused={refused} onDismiss={() => setRefused([])} />
        <PickedFiles
          picked={picked}
          onTitle={(i, title) => setPicked((l) => l.map((x, j) => (j === i ? { ...x, title } : x)))}
          onRemove={(i) => setPicked((l) => l.filter((_, j) => j !== i))}
        />
        {target ? (
          <section className="mt-5 rounded-lg bg-zinc-50 p-3 text-sm" aria-label={t("addingTo")} data-testid="adding-to">
            <p>
              {t.rich("adding", {
                title: target.title,
                date: target.sessionDate,
                who: target.students.join(", ") || "none",
                b: (chunks) => <strong>{chunks}</strong>,
              })}
            </p>
            {!addTo && (
              <button type="button" className="mt-1 text-brand underline" onClick={() => setTarget(null)}>
                {t("newInstead")}
              </button>
            )}
          </section>
        ) : (
          <>
            <label className="mt-5 block text-sm font-medium">
              {t("title")}
              <input
                className={fieldClass}
                value={sessionTitle}
                placeholder={picked.length > 1 ? t("titleSession", { date: sessionDate }) : t("titleVideo")}
                onChange={(e) => setSessionTitle(e.target.value)}
              />
            </label>
            <StudentList students={students} knownStudents={knownStudents} groups={groups} onChange={setStudents} />

            <div className="mt-5 grid grid-cols-2 gap-3">
              <label className="block text-sm font-medium">
                {t("date")}
                <input className={fieldClass} type="date" value={sessionDate} onChange={(e) => setSessionDate(e.target.value)} />
              </label>
              <label className="block text-sm font-medium">
                {t("expiry")}
                <input
                  className={fieldClass}
                  type="number"
                  min={1}
                  max={30}
                  value={expiryDays}
                  onChange={(e) => setExpiryDays(Number(e.target.value))}
                />
              </label>
            </div>
            <label className="mt-3 block text-sm font-medium">
              {t("notes")}
              <textarea className={`${fieldClass} min-h-24`} value={notes} onChange={(e) => setNotes(e.target.value)} />
            </label>
          </>
        )}
        {formErrors.length > 0 && (
          <p role="alert" className="mt-3 text-sm text-red-700">
            {uploadMessagesText(tError, locale, formErrors)}
          </p>
        )}
        <button
          type="button"
          onClick={start}
          className="mt-4 w-full rounded-lg bg-brand px-4 py-3 font-semibold text-white hover:bg-brand-dark"
        >
          {t("submit", { count: picked.length })}
        </button>
      </section>

      <LiveUploadProgress />
    </div>
  );
}
