"use client";
// The session page's forms: edit title, date and notes after upload, and add
// students (each new one is emailed the whole session).
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { addStudentsSchema, sessionEditSchema } from "@/lib/riding-sessions/rules";
import { Feedback, useApiAction } from "./api-action";
import { apiCall } from "./api-client";
import { describeRefusal, uploadMessagesText, type UploadErrorsT, type UploadMessage } from "./uploader/errors";
import { fieldClass } from "./uploader/field";
import { formIssues } from "./uploader/issues";
import { newStudent, StudentList, type KnownStudent, type StudentGroup } from "./uploader/student-list";

export function SessionEditForm({
  sessionId,
  title,
  sessionDate,
  notes,
}: {
  sessionId: string;
  title: string;
  sessionDate: string;
  notes: string;
}) {
  const t = useTranslations("sessionForms");
  const tError = useTranslations("uploadErrors");
  const locale = useLocale();
  const { busy, failure, run } = useApiAction();
  const [form, setForm] = useState({ title, sessionDate, notes });
  const [saved, setSaved] = useState(false);
  const [problems, setProblems] = useState<UploadMessage[]>([]);
  const save = () => {
    const check = sessionEditSchema.safeParse(form);
    setProblems(check.success ? [] : formIssues(check.error));
    if (!check.success) return;
    setSaved(false);
    void run(async () => {
      await apiCall("PATCH", `/api/sessions/${sessionId}`, check.data);
      setSaved(true);
    });
  };
  return (
    <form
      className="grid gap-3 sm:grid-cols-[2fr_1fr]"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <label className="block text-sm font-medium">
        {t("title")}
        <input className={fieldClass} value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} />
      </label>
      <label className="block text-sm font-medium">
        {t("date")}
        <input
          className={fieldClass}
          type="date"
          value={form.sessionDate}
          onChange={(e) => setForm({ ...form, sessionDate: e.target.value })}
        />
      </label>
      <label className="block text-sm font-medium sm:col-span-2">
        {t("notes")}
        <textarea className={`${fieldClass} min-h-20`} value={form.notes} onChange={(e) => setForm({ ...form, notes: e.target.value })} />
      </label>
      <div className="flex items-center gap-3 sm:col-span-2">
        <button
          type="submit"
          disabled={busy}
          className="rounded-lg bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark disabled:opacity-50"
        >
          {t("save")}
        </button>
        <Feedback done={saved && !busy ? t("saved") : null} problem={problemText(tError, locale, problems, failure)} />
      </div>
    </form>
  );
}

export function AddStudentsForm({
  sessionId,
  knownStudents,
  groups,
}: {
  sessionId: string;
  knownStudents: KnownStudent[];
  groups?: StudentGroup[];
}) {
  const t = useTranslations("sessionForms");
  const tError = useTranslations("uploadErrors");
  const { busy, failure, run } = useApiAction();
  const locale = useLocale();
  const [students, setStudents] = useState<KnownStudent[]>(() => [newStudent(locale)]);
  const [result, setResult] = useState<string | null>(null);
  const [problems, setProblems] = useState<UploadMessage[]>([]);
  const add = () => {
    const filled = students.filter((s) => s.email.trim() !== "");
    const check = addStudentsSchema.safeParse({ students: filled });
    setProblems(check.success ? [] : formIssues(check.error, filled));
    if (!check.success) return;
    void run(async () => {
      const r = await apiCall<{ added: string[]; alreadyThere: string[]; emailed: number }>(
        "POST",
        `/api/sessions/${sessionId}/students`,
        check.data,
      );
      setStudents([newStudent(locale)]);
      setResult(
        [
          r.added.length ? t(r.emailed ? "addedEmailed" : "addedLater", { who: r.added.join(", ") }) : "",
          r.alreadyThere.length ? t("alreadyThere", { who: r.alreadyThere.join(", ") }) : "",
        ]
          .filter(Boolean)
          .join(" "),
      );
    });
  };
  return (
    <form
      aria-label={t("addForm")}
      onSubmit={(e) => {
        e.preventDefault();
        add();
      }}
    >
      <StudentList students={students} knownStudents={knownStudents} groups={groups} onChange={setStudents} />
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <button
          type="submit"
          disabled={busy}
          className="rounded-lg bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark disabled:opacity-50"
        >
          {t("addSubmit")}
        </button>
        <Feedback done={result} problem={problemText(tError, locale, problems, failure)} />
      </div>
    </form>
  );
}

/** The form's own problems, else the server's refusal, in the trainer's words. */
function problemText(t: UploadErrorsT, locale: string, problems: UploadMessage[], failure: unknown) {
  if (problems.length > 0) return uploadMessagesText(t, locale, problems);
  return failure ? uploadMessagesText(t, locale, [describeRefusal(failure)]) : null;
}
