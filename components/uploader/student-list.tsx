"use client";
// Who gets the videos: one row per student, emails suggested from the school's roster
// and earlier uploads (a known email fills in its name, and a roster student's language),
// a whole roster group added in one go, and the language of each student's email and
// link page (a new row starts in the trainer's own language; "automatic" = the student's browser's).
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { LANGUAGE_NAMES, LOCALES, isLocale, type Locale } from "@/lib/i18n/locales";
import { fieldClass } from "./field";

export interface KnownStudent {
  email: string;
  name: string | null;
  /** null: automatic (the student's browser); absent: not chosen yet (an address used before, not on the roster). */
  language?: Locale | null;
  /** The roster's note ("A2"), shown with the suggestion. */
  note?: string | null;
}

/** A roster group: its active students. */
export interface StudentGroup {
  id: string;
  name: string;
  students: KnownStudent[];
}

export const EMPTY_STUDENT: KnownStudent = { email: "", name: "" };

/** An empty row in the trainer's language. */
export const newStudent = (locale: string): KnownStudent => ({ ...EMPTY_STUDENT, language: isLocale(locale) ? locale : null });

interface Props {
  students: KnownStudent[];
  knownStudents: KnownStudent[];
  groups?: StudentGroup[];
  onChange: (update: (list: KnownStudent[]) => KnownStudent[]) => void;
}

/** The list with the group's students added after the filled-in rows; anyone already listed is skipped. */
export function withGroup(list: KnownStudent[], group: StudentGroup): { list: KnownStudent[]; added: number } {
  const filled = list.filter((s) => s.email.trim() !== "");
  const listed = new Set(filled.map((s) => s.email.trim().toLowerCase()));
  const fresh = group.students.filter((s) => !listed.has(s.email.toLowerCase()));
  const rows = fresh.map((s) => ({ email: s.email, name: s.name ?? "", language: s.language ?? null }));
  return { list: filled.length + rows.length > 0 ? [...filled, ...rows] : list, added: rows.length };
}

export function StudentList({ students, knownStudents, groups = [], onChange }: Props) {
  const t = useTranslations("students");
  const tr = useTranslations("roster");
  const locale = useLocale();
  const [groupId, setGroupId] = useState("");
  const [groupNote, setGroupNote] = useState<string | null>(null);
  const setRow = (i: number, row: (s: KnownStudent) => KnownStudent) => onChange((l) => l.map((x, j) => (j === i ? row(x) : x)));
  return (
    <fieldset className="mt-5">
      <legend className="text-sm font-semibold">{t("legend")}</legend>
      <datalist id="known-students">
        {knownStudents.map((s) => (
          <option key={s.email} value={s.email}>
            {[s.name, s.note].filter(Boolean).join(" · ")}
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
              // A roster student brings their language; an address used before keeps the row's.
              setRow(i, (x) => ({
                ...x,
                email,
                name: x.name || known?.name || "",
                ...(known && known.language !== undefined ? { language: known.language } : {}),
              }));
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
      <div className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-2">
        <button
          type="button"
          className="text-sm font-medium text-brand underline"
          onClick={() => onChange((l) => [...l, newStudent(locale)])}
        >
          {t("add")}
        </button>
        {groups.length > 0 && (
          <span className="flex items-center gap-2">
            <select
              className="max-w-56 rounded-lg border border-zinc-400 bg-white px-2 py-1 text-sm focus:border-brand focus:outline-2 focus:outline-offset-1 focus:outline-brand"
              aria-label={tr("groupToAdd")}
              value={groupId}
              onChange={(e) => setGroupId(e.target.value)}
            >
              <option value="">{tr("pickGroup")}</option>
              {groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name} ({g.students.length})
                </option>
              ))}
            </select>
            <button
              type="button"
              className="text-sm font-medium whitespace-nowrap text-brand underline disabled:opacity-50"
              disabled={!groupId}
              onClick={() => {
                const group = groups.find((g) => g.id === groupId);
                if (!group) return;
                const { added } = withGroup(students, group);
                onChange((l) => withGroup(l, group).list);
                setGroupNote(tr("groupAdded", { count: added, group: group.name }));
                setGroupId("");
              }}
            >
              {tr("addGroup")}
            </button>
          </span>
        )}
      </div>
      {groupNote && (
        <p role="status" className="mt-1 text-sm text-zinc-700">
          {groupNote}
        </p>
      )}
    </fieldset>
  );
}
