"use client";
// The trainer's upload page: pick or drop videos, name the students, upload.
// The details live here; the queue (useUploadQueue) and the engine do the sending.
import { useMemo, useState } from "react";
import { createUploadSchema, goProChapter, groupRecordings, recordingTitle, titleFromFileName, todayIso } from "@/lib/uploads/rules";
import { fieldClass } from "./field";
import { FileDropZone } from "./file-drop-zone";
import { PickedFiles, type PickedFile } from "./picked-files";
import { EMPTY_STUDENT, StudentList, type KnownStudent } from "./student-list";
import { UploadProgress } from "./upload-progress";
import { useUploadQueue } from "./use-upload-queue";
import { checkUpload } from "./validate";

export type { KnownStudent } from "./student-list";

export interface ResumableUpload {
  videoId: string;
  fileName: string;
  size: number;
  title: string;
  sessionDate: string;
  notes: string;
  students: KnownStudent[];
  shareExpiryDays: number;
  percent: number;
}

interface Props {
  maxBytes: number;
  concurrency: number;
  knownStudents: KnownStudent[];
  resumable: ResumableUpload[];
  resumeId?: string;
}

export function UploadForm({ maxBytes, concurrency, knownStudents, resumable, resumeId }: Props) {
  const resumeTarget = resumable.find((r) => r.videoId === resumeId);
  const [picked, setPicked] = useState<PickedFile[]>([]);
  const [students, setStudents] = useState<KnownStudent[]>(resumeTarget?.students ?? [EMPTY_STUDENT]);
  const [sessionDate, setSessionDate] = useState(resumeTarget?.sessionDate ?? todayIso());
  const [notes, setNotes] = useState(resumeTarget?.notes ?? "");
  const [expiryDays, setExpiryDays] = useState(resumeTarget?.shareExpiryDays ?? 14);
  const [formError, setFormError] = useState<string | null>(null);
  const schema = useMemo(() => createUploadSchema(maxBytes), [maxBytes]);
  const queue = useUploadQueue(concurrency);

  function addFiles(files: FileList) {
    const next = [...files].map((file) => {
      // A re-selected file that matches an interrupted upload takes its details back.
      const match = resumable.find((r) => r.fileName === file.name && r.size === file.size);
      if (match && picked.length === 0) {
        setStudents(match.students.length ? match.students : [EMPTY_STUDENT]);
        setSessionDate(match.sessionDate);
        setNotes(match.notes);
        setExpiryDays(match.shareExpiryDays);
      }
      // GoPro files get a title a student understands when the upload starts ("Session 31 May 2026 — recording 1 of 3").
      return { file, title: match?.title ?? (goProChapter(file.name) ? "" : titleFromFileName(file.name)) };
    });
    setPicked((p) => [...p, ...next].map((x) => ({ ...x, error: undefined })));
    setFormError(null);
  }

  async function start() {
    const check = checkUpload(schema, picked, { students, sessionDate, notes, shareExpiryDays: expiryDays });
    setFormError(check.formError);
    setPicked((list) => list.map((p, i) => ({ ...p, error: check.fileErrors[i] })));
    if (check.formError || check.fileErrors.some(Boolean) || !check.students) return;
    const meta = { sessionDate, notes, students: check.students, shareExpiryDays: expiryDays };
    // GoPro chapters of one recording upload as one video (the server joins them); recordings in number order.
    const groups = groupRecordings(picked, (p) => p.file.name);
    const recordings = groups.filter((g) => g.recording).length;
    const items = groups.flatMap((g, i) => {
      const first = g.items[0];
      const title =
        first.title.trim() || (g.recording ? recordingTitle(sessionDate, i + 1, recordings) : titleFromFileName(first.file.name));
      const recordingKey = g.items.length > 1 ? crypto.randomUUID() : null;
      return g.items.map((p, k) => ({
        file: p.file,
        meta: { ...meta, title, ...(recordingKey ? { recording: { recordingKey, chapter: k + 1, chapterCount: g.items.length } } : {}) },
      }));
    });
    setPicked([]);
    await queue.enqueue(items);
  }

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_1fr]">
      <section className="rounded-xl border border-zinc-200 bg-white p-5">
        {resumeTarget && (
          <p className="mb-4 rounded-lg bg-amber-50 p-3 text-sm text-amber-900" role="status">
            To resume <strong>{resumeTarget.fileName}</strong> ({resumeTarget.percent}% sent), choose the same file again. Parts already
            sent are not sent again.
          </p>
        )}
        <FileDropZone maxBytes={maxBytes} onFiles={addFiles} />
        <PickedFiles
          picked={picked}
          onTitle={(i, title) => setPicked((l) => l.map((x, j) => (j === i ? { ...x, title } : x)))}
          onRemove={(i) => setPicked((l) => l.filter((_, j) => j !== i))}
        />
        <StudentList students={students} knownStudents={knownStudents} onChange={setStudents} />

        <div className="mt-5 grid grid-cols-2 gap-3">
          <label className="block text-sm font-medium">
            Session date
            <input className={fieldClass} type="date" value={sessionDate} onChange={(e) => setSessionDate(e.target.value)} />
          </label>
          <label className="block text-sm font-medium">
            Links last (days)
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
          Notes for the students
          <textarea className={`${fieldClass} min-h-24`} value={notes} onChange={(e) => setNotes(e.target.value)} />
        </label>
        {formError && (
          <p role="alert" className="mt-3 text-sm text-red-700">
            {formError}
          </p>
        )}
        <button
          type="button"
          onClick={start}
          className="mt-4 w-full rounded-lg bg-brand px-4 py-3 font-semibold text-white hover:bg-brand-dark"
        >
          Upload {picked.length > 1 ? `${picked.length} videos` : "video"}
        </button>
      </section>

      <UploadProgress entries={queue.entries} totals={queue.totals} />
    </div>
  );
}
