"use client";
// Who gets the videos: one row per student, emails suggested from earlier uploads
// (a known email fills in its name), and the language of each student's email and
// link page (a new row starts in the trainer's own language; "automatic" = the student's browser's).
import { useLocale, useTranslations } from "next-intl";
import { LANGUAGE_NAMES, LOCALES, isLocale, type Locale } from "@/lib/i18n/locales";
import { fieldClass } from "./field";

export interface KnownStudent {
  email: string;
  name: string | null;
  /** null: automatic (the student's browser); absent: not chosen yet. */
  language?: Locale | null;
}

export const EMPTY_STUDENT: KnownStudent = { email: "", name: "" };

/** An empty row in the trainer's language. */
export const newStudent = (locale: string): KnownStudent => ({ ...EMPTY_STUDENT, language: isLocale(locale) ? locale : null });

interface Props {
  students: KnownStudent[];
  knownStudents: KnownStudent[];
  onChange: (update: (list: KnownStudent[]) => KnownStudent[]) => void;
}

export function StudentList({ students, knownStudents, onChange }: Props) {
  const t = useTranslations("students");
  const locale = useLocale();
  const setRow = (i: number, row: (s: KnownStudent) => KnownStudent) => onChange((l) => l.map((x, j) => (j === i ? row(x) : x)));
  return (
    <fieldset className="mt-5">
      <legend className="text-sm font-semibold">{t("legend")}</legend>
      <datalist id="known-students">
        {knownStudents.map((s) => (
          <option key={s.email} value={s.email}>
            {s.name ?? ""}
          </option>
        ))}
      </datalist>
      {students.map((s, i) => (
        // The address gets the most room (a narrow field cut addresses off); on a phone the name goes below it.
        <div
          key={i}
          className="mt-2 grid grid-cols-[minmax(0,1fr)_auto] gap-x-2 sm:grid-cols-[minmax(0,3fr)_minmax(0,2fr)_auto_auto]"
          data-testid="student-row"
        >
          <input
            className={fieldClass}
            type="email"
            list="known-students"
            placeholder="student@example.com"
            aria-label={t("email", { n: i + 1 })}
            value={s.email}
            onChange={(e) => {
              const email = e.target.value;
              const known = knownStudents.find((k) => k.email === email.trim().toLowerCase());
              setRow(i, (x) => ({ ...x, email, name: x.name || known?.name || "" }));
            }}
          />
          <input
            className={`${fieldClass} col-start-1 sm:col-start-auto`}
            placeholder={t("namePlaceholder")}
            aria-label={t("name", { n: i + 1 })}
            value={s.name ?? ""}
            onChange={(e) => setRow(i, (x) => ({ ...x, name: e.target.value }))}
          />
          <select
            className={`${fieldClass} col-start-1 sm:col-start-auto`}
            aria-label={t("language", { n: i + 1 })}
            data-testid="student-language"
            value={s.language === undefined ? locale : (s.language ?? "auto")}
            onChange={(e) => setRow(i, (x) => ({ ...x, language: isLocale(e.target.value) ? e.target.value : null }))}
          >
            {LOCALES.map((l) => (
              <option key={l} value={l}>
                {LANGUAGE_NAMES[l]}
              </option>
            ))}
            <option value="auto">{t("auto")}</option>
          </select>
          <button
            type="button"
            aria-label={t("remove", { n: i + 1 })}
            className="col-start-2 row-start-1 mt-1 rounded-lg px-2 text-zinc-600 hover:bg-zinc-100 sm:col-start-auto sm:row-start-auto"
            onClick={() => onChange((l) => (l.length > 1 ? l.filter((_, j) => j !== i) : [newStudent(locale)]))}
          >
            ✕
          </button>
        </div>
      ))}
      <button
        type="button"
        className="mt-2 text-sm font-medium text-brand underline"
        onClick={() => onChange((l) => [...l, newStudent(locale)])}
      >
        {t("add")}
      </button>
    </fieldset>
  );
}
