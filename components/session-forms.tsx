"use client";
// The session page's forms: edit title, date and notes after upload, and add
// students (each new one is emailed the whole session).
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { addStudentsSchema, sessionEditSchema } from "@/lib/riding-sessions/rules";
import { Feedback, useApiAction } from "./api-action";
import { apiCall } from "./api-client";
import { fieldClass } from "./uploader/field";
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
  const { busy, error, run } = useApiAction();
  const [form, setForm] = useState({ title, sessionDate, notes });
  const [saved, setSaved] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const save = () => {
    const check = sessionEditSchema.safeParse(form);
    setProblem(check.success ? null : check.error.issues.map((i) => i.message).join(" "));
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
        <Feedback done={saved && !busy ? t("saved") : null} problem={problem ?? error} />
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
  const { busy, error, run } = useApiAction();
  const locale = useLocale();
  const [students, setStudents] = useState<KnownStudent[]>(() => [newStudent(locale)]);
  const [result, setResult] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const add = () => {
    const filled = students.filter((s) => s.email.trim() !== "");
    const check = addStudentsSchema.safeParse({ students: filled });
    setProblem(check.success ? null : check.error.issues.map((i) => i.message).join(" "));
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
        <Feedback done={result} problem={problem ?? error} />
      </div>
    </form>
  );
}
