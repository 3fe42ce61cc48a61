"use client";
// The trainer's upload page: pick or drop videos, name the students, upload.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  ACCEPT_ATTRIBUTE,
  createUploadSchema,
  formatBytes,
  studentsSchema,
  titleFromFileName,
  todayIso,
} from "@/lib/uploads/rules";
import { describeIssues } from "./issues";
import { UploadJob, type JobSnapshot } from "./engine";
import { formatDuration } from "./format";

export interface KnownStudent {
  email: string;
  name: string | null;
}

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

interface Picked {
  file: File;
  title: string;
  error?: string;
}

const input = "mt-1 block w-full rounded-lg border border-zinc-300 bg-white px-3 py-2 text-base focus:border-brand focus:outline-none";

export function UploadForm({ maxBytes, concurrency, knownStudents, resumable, resumeId }: Props) {
  const resumeTarget = resumable.find((r) => r.videoId === resumeId);
  const [picked, setPicked] = useState<Picked[]>([]);
  const [students, setStudents] = useState<KnownStudent[]>(resumeTarget?.students ?? [{ email: "", name: "" }]);
  const [sessionDate, setSessionDate] = useState(resumeTarget?.sessionDate ?? todayIso());
  const [notes, setNotes] = useState(resumeTarget?.notes ?? "");
  const [expiryDays, setExpiryDays] = useState(resumeTarget?.shareExpiryDays ?? 14);
  const [formError, setFormError] = useState<string | null>(null);
  const [jobs, setJobs] = useState<UploadJob[]>([]);
  const [snapshots, setSnapshots] = useState<JobSnapshot[]>([]);
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const schema = useMemo(() => createUploadSchema(maxBytes), [maxBytes]);

  // Re-render progress at most once per animation frame.
  const frame = useRef(0);
  const jobsRef = useRef<UploadJob[]>([]);
  const refresh = useCallback(() => {
    if (frame.current) return;
    frame.current = window.setTimeout(() => {
      frame.current = 0;
      setSnapshots(jobsRef.current.map((j) => j.snapshot()));
    }, 250);
  }, []);
  useEffect(() => {
    const t = setInterval(refresh, 1000); // keeps speed and time-left fresh
    return () => clearInterval(t);
  }, [refresh]);

  const active = snapshots.some((s) => ["queued", "preparing", "uploading", "completing"].includes(s.state));
  useEffect(() => {
    if (!active) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [active]);

  function addFiles(files: FileList | File[]) {
    const next = [...files].map((file) => {
      // A re-selected file that matches an interrupted upload takes its details back.
      const match = resumable.find((r) => r.fileName === file.name && r.size === file.size);
      if (match && picked.length === 0) {
        setStudents(match.students.length ? match.students : [{ email: "", name: "" }]);
        setSessionDate(match.sessionDate);
        setNotes(match.notes);
        setExpiryDays(match.shareExpiryDays);
      }
      return { file, title: match?.title ?? titleFromFileName(file.name) };
    });
    setPicked((p) => [...p, ...next].map((x) => ({ ...x, error: undefined })));
    setFormError(null);
  }

  function validate(): boolean {
    const cleanStudents = students.filter((s) => s.email.trim() !== "" || (s.name ?? "").trim() !== "");
    const studentCheck = studentsSchema.safeParse(cleanStudents);
    let ok = true;
    if (!studentCheck.success) {
      setFormError(describeIssues(studentCheck.error, cleanStudents));
      ok = false;
    } else setFormError(null);
    if (picked.length === 0) {
      setFormError((e) => e ?? "Choose at least one video.");
      ok = false;
    }
    setPicked((list) =>
      list.map((p) => {
        const r = schema.safeParse({
          fileName: p.file.name,
          size: p.file.size,
          contentType: p.file.type,
          title: p.title,
          sessionDate,
          notes,
          students: studentCheck.success ? studentCheck.data : [{ email: "placeholder@example.com" }],
          shareExpiryDays: expiryDays,
        });
        if (!r.success) ok = false;
        return { ...p, error: r.success ? undefined : r.error.issues.map((i) => i.message).join(" ") };
      }),
    );
    return ok;
  }

  async function start() {
    if (!validate()) return;
    const cleanStudents = studentsSchema.parse(students.filter((s) => s.email.trim() !== ""));
    const newJobs = picked.map(
      (p) =>
        new UploadJob(
          p.file,
          { title: p.title, sessionDate, notes, students: cleanStudents, shareExpiryDays: expiryDays },
          { concurrency, onChange: refresh },
        ),
    );
    jobsRef.current = [...jobsRef.current, ...newJobs];
    setJobs(jobsRef.current);
    setPicked([]);
    refresh();
    // One file at a time, each with several parts in flight: the link stays full and the first video finishes first.
    for (const job of newJobs) {
      await job.run();
      while (job.state === "paused") await new Promise((r) => setTimeout(r, 500));
    }
  }

  const totals = snapshots.reduce(
    (acc, s) => (s.state === "canceled" ? acc : { size: acc.size + s.size, sent: acc.sent + s.sentBytes, bps: acc.bps + s.bytesPerSecond }),
    { size: 0, sent: 0, bps: 0 },
  );

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_1fr]">
      <section className="rounded-xl border border-zinc-200 bg-white p-5">
        {resumeTarget && (
          <p className="mb-4 rounded-lg bg-amber-50 p-3 text-sm text-amber-900" role="status">
            To resume <strong>{resumeTarget.fileName}</strong> ({resumeTarget.percent}% sent), choose the same file again. Parts already
            sent are not sent again.
          </p>
        )}
        <div
          onDragOver={(e) => (e.preventDefault(), setDragging(true))}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            addFiles(e.dataTransfer.files);
          }}
          className={`flex flex-col items-center justify-center rounded-xl border-2 border-dashed p-8 text-center ${dragging ? "border-brand bg-orange-50" : "border-zinc-300"}`}
        >
          <p className="font-medium">Drop videos here</p>
          <p className="mt-1 text-sm text-zinc-600">mp4, mov, m4v, mkv, avi, webm · up to {formatBytes(maxBytes)} each</p>
          <button type="button" onClick={() => fileInput.current?.click()} className="mt-3 rounded-lg border border-zinc-300 px-4 py-2 font-medium hover:bg-zinc-50">
            Choose videos
          </button>
          <input
            ref={fileInput}
            type="file"
            multiple
            accept={ACCEPT_ATTRIBUTE}
            className="sr-only"
            aria-label="Video files"
            onChange={(e) => {
              if (e.target.files) addFiles(e.target.files);
              e.target.value = "";
            }}
          />
        </div>

        {picked.length > 0 && (
          <ul className="mt-4 space-y-3" aria-label="Selected videos">
            {picked.map((p, i) => (
              <li key={`${p.file.name}-${i}`} className="rounded-lg border border-zinc-200 p-3">
                <div className="flex items-center justify-between text-sm text-zinc-600">
                  <span className="truncate">{p.file.name}</span>
                  <span className="ml-2 shrink-0">{formatBytes(p.file.size)}</span>
                </div>
                <label className="mt-2 block text-sm font-medium">
                  Title
                  <input className={input} value={p.title} onChange={(e) => setPicked((l) => l.map((x, j) => (j === i ? { ...x, title: e.target.value } : x)))} />
                </label>
                {p.error && (
                  <p role="alert" className="mt-2 text-sm text-red-700">
                    {p.error}
                  </p>
                )}
                <button type="button" className="mt-2 text-sm text-zinc-600 underline" onClick={() => setPicked((l) => l.filter((_, j) => j !== i))}>
                  Remove
                </button>
              </li>
            ))}
          </ul>
        )}

        <fieldset className="mt-5">
          <legend className="text-sm font-semibold">Students</legend>
          <datalist id="known-students">
            {knownStudents.map((s) => (
              <option key={s.email} value={s.email}>
                {s.name ?? ""}
              </option>
            ))}
          </datalist>
          {students.map((s, i) => (
            <div key={i} className="mt-2 grid grid-cols-[1fr_1fr_auto] gap-2" data-testid="student-row">
              <input
                className={input}
                type="email"
                list="known-students"
                placeholder="student@example.com"
                aria-label={`Student ${i + 1} email`}
                value={s.email}
                onChange={(e) => {
                  const email = e.target.value;
                  const known = knownStudents.find((k) => k.email === email.trim().toLowerCase());
                  setStudents((l) => l.map((x, j) => (j === i ? { email, name: x.name || known?.name || "" } : x)));
                }}
              />
              <input
                className={input}
                placeholder="Name (optional)"
                aria-label={`Student ${i + 1} name`}
                value={s.name ?? ""}
                onChange={(e) => setStudents((l) => l.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))}
              />
              <button
                type="button"
                aria-label={`Remove student ${i + 1}`}
                className="mt-1 rounded-lg px-2 text-zinc-500 hover:bg-zinc-100"
                onClick={() => setStudents((l) => (l.length > 1 ? l.filter((_, j) => j !== i) : [{ email: "", name: "" }]))}
              >
                ✕
              </button>
            </div>
          ))}
          <button type="button" className="mt-2 text-sm font-medium text-brand underline" onClick={() => setStudents((l) => [...l, { email: "", name: "" }])}>
            + Add student
          </button>
        </fieldset>

        <div className="mt-5 grid grid-cols-2 gap-3">
          <label className="block text-sm font-medium">
            Session date
            <input className={input} type="date" value={sessionDate} onChange={(e) => setSessionDate(e.target.value)} />
          </label>
          <label className="block text-sm font-medium">
            Links last (days)
            <input className={input} type="number" min={1} max={30} value={expiryDays} onChange={(e) => setExpiryDays(Number(e.target.value))} />
          </label>
        </div>
        <label className="mt-3 block text-sm font-medium">
          Notes for the students
          <textarea className={`${input} min-h-24`} value={notes} onChange={(e) => setNotes(e.target.value)} />
        </label>
        {formError && (
          <p role="alert" className="mt-3 text-sm text-red-700">
            {formError}
          </p>
        )}
        <button type="button" onClick={start} className="mt-4 w-full rounded-lg bg-brand px-4 py-3 font-semibold text-white hover:bg-brand-dark">
          Upload {picked.length > 1 ? `${picked.length} videos` : "video"}
        </button>
      </section>

      <section aria-label="Uploads in progress" className="rounded-xl border border-zinc-200 bg-white p-5">
        <h2 className="font-semibold">Progress</h2>
        {snapshots.length === 0 ? (
          <p className="mt-2 text-sm text-zinc-600">Uploads appear here. You can keep this tab open and do other things.</p>
        ) : (
          <>
            <p className="mt-2 text-sm text-zinc-700" data-testid="overall-progress">
              {formatBytes(totals.sent)} of {formatBytes(totals.size)} · {formatBytes(totals.bps)}/s
              {totals.bps > 0 && totals.size > totals.sent ? ` · ${formatDuration((totals.size - totals.sent) / totals.bps)} left` : ""}
            </p>
            <ul className="mt-3 space-y-4">
              {snapshots.map((s) => {
                const job = jobs.find((j) => j.key === s.key)!;
                const pct = s.size ? Math.floor((s.sentBytes / s.size) * 100) : 0;
                return (
                  <li key={s.key} data-testid="upload-job" data-state={s.state} className="text-sm">
                    <div className="flex justify-between gap-2">
                      <span className="truncate font-medium">{s.fileName}</span>
                      <span className="shrink-0" data-testid="job-state">
                        {STATE_LABEL[s.state]}
                      </span>
                    </div>
                    <div className="mt-1 h-2 overflow-hidden rounded bg-zinc-200" role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100} aria-label={`${s.fileName} progress`}>
                      <div className="h-full bg-brand transition-[width]" style={{ width: `${pct}%` }} />
                    </div>
                    <div className="mt-1 flex flex-wrap justify-between gap-2 text-zinc-600">
                      <span>
                        {formatBytes(s.sentBytes)} of {formatBytes(s.size)} ({pct}%){s.resumed ? " · resumed" : ""}
                      </span>
                      {s.state === "uploading" && (
                        <span>
                          {formatBytes(s.bytesPerSecond)}/s · {formatDuration(s.secondsLeft)} left
                        </span>
                      )}
                    </div>
                    {s.error && (
                      <p role="alert" className="mt-1 text-red-700">
                        {s.error}
                      </p>
                    )}
                    <div className="mt-1 flex gap-3">
                      {(s.state === "uploading" || s.state === "preparing") && (
                        <button type="button" className="underline" onClick={() => job.pause()}>
                          Pause
                        </button>
                      )}
                      {(s.state === "paused" || s.state === "error") && (
                        <button type="button" className="underline" onClick={() => job.resume()}>
                          {s.state === "error" ? "Retry" : "Resume"}
                        </button>
                      )}
                      {s.state !== "done" && s.state !== "canceled" && (
                        <button type="button" className="text-red-700 underline" onClick={() => void job.cancel()}>
                          Cancel
                        </button>
                      )}
                    </div>
                  </li>
                );
              })}
            </ul>
          </>
        )}
      </section>
    </div>
  );
}

const STATE_LABEL: Record<JobSnapshot["state"], string> = {
  queued: "Waiting",
  preparing: "Preparing…",
  uploading: "Uploading",
  paused: "Paused",
  completing: "Finishing…",
  done: "Done — students notified",
  error: "Failed",
  canceled: "Canceled",
};
