"use client";
// The roster's students: search as you type, add one, edit a row in place, remove
// (asks first; links already sent are not touched).
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useApiAction } from "@/components/api-action";
import { apiCall } from "@/components/api-client";
import { fieldClass } from "@/components/uploader/field";
import { LANGUAGE_NAMES, LOCALES, isLocale, type Locale } from "@/lib/i18n/locales";
import type { RosterEntry } from "@/lib/roster/students";

export interface GroupName {
  id: string;
  name: string;
}

interface Draft {
  email: string;
  name: string;
  language: Locale | null;
  note: string;
}

const draftOf = (s?: RosterEntry): Draft => ({
  email: s?.email ?? "",
  name: s?.name ?? "",
  language: s?.language ?? null,
  note: s?.note ?? "",
});

function LanguageSelect({ value, onChange, label }: { value: Locale | null; onChange: (l: Locale | null) => void; label?: string }) {
  const t = useTranslations("roster");
  return (
    <select
      className={fieldClass}
      aria-label={label}
      value={value ?? "auto"}
      onChange={(e) => onChange(isLocale(e.target.value) ? e.target.value : null)}
    >
      {LOCALES.map((l) => (
        <option key={l} value={l}>
          {LANGUAGE_NAMES[l]}
        </option>
      ))}
      <option value="auto">{t("auto")}</option>
    </select>
  );
}

export function AddStudentForm() {
  const t = useTranslations("roster");
  const [draft, setDraft] = useState<Draft>(draftOf());
  const [done, setDone] = useState<string | null>(null);
  const { busy, error, run } = useApiAction();
  return (
    <form
      className="mt-3 grid gap-3 sm:grid-cols-[minmax(0,3fr)_minmax(0,2fr)_auto_minmax(0,1fr)_auto] sm:items-end"
      aria-label={t("addHeading")}
      onSubmit={(e) => {
        e.preventDefault();
        setDone(null);
        void run(async () => {
          const { student } = await apiCall<{ student: RosterEntry }>("POST", "/api/roster/students", draft);
          setDone(student.email);
          setDraft(draftOf());
        });
      }}
    >
      <label className="block text-sm font-medium">
        {t("email")}
        <input
          className={fieldClass}
          type="email"
          required
          value={draft.email}
          onChange={(e) => setDraft({ ...draft, email: e.target.value })}
        />
      </label>
      <label className="block text-sm font-medium">
        {t("name")}
        <input className={fieldClass} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
      </label>
      <label className="block text-sm font-medium">
        {t("language")}
        <LanguageSelect value={draft.language} onChange={(language) => setDraft({ ...draft, language })} />
      </label>
      <label className="block text-sm font-medium">
        {t("note")}
        <input
          className={fieldClass}
          placeholder={t("notePlaceholder")}
          value={draft.note}
          onChange={(e) => setDraft({ ...draft, note: e.target.value })}
        />
      </label>
      <button
        type="submit"
        disabled={busy}
        className="rounded-lg bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark disabled:opacity-50"
      >
        {t("addSubmit")}
      </button>
      {error && (
        <p role="alert" className="text-sm text-red-700 sm:col-span-5">
          {error}
        </p>
      )}
      {done && !error && (
        <p role="status" className="text-sm text-green-800 sm:col-span-5">
          {t("added", { email: done })}
        </p>
      )}
    </form>
  );
}

function StudentRow({ student, groups }: { student: RosterEntry; groups: GroupName[] }) {
  const t = useTranslations("roster");
  const [editing, setEditing] = useState<Draft | null>(null);
  const { busy, error, run } = useApiAction();
  const who = student.name ?? student.email;
  const groupNames = student.groupIds.map((id) => groups.find((g) => g.id === id)?.name).filter(Boolean);
  if (editing)
    return (
      <tr className="border-t border-zinc-200 align-top" data-testid="roster-row">
        <td className="py-2 pr-2">
          <input
            className={fieldClass}
            aria-label={t("name")}
            value={editing.name}
            onChange={(e) => setEditing({ ...editing, name: e.target.value })}
          />
        </td>
        <td className="py-2 pr-2">
          <input
            className={fieldClass}
            type="email"
            aria-label={t("email")}
            value={editing.email}
            onChange={(e) => setEditing({ ...editing, email: e.target.value })}
          />
        </td>
        <td className="py-2 pr-2">
          <LanguageSelect label={t("language")} value={editing.language} onChange={(language) => setEditing({ ...editing, language })} />
        </td>
        <td className="py-2 pr-2">
          <input
            className={fieldClass}
            aria-label={t("note")}
            value={editing.note}
            onChange={(e) => setEditing({ ...editing, note: e.target.value })}
          />
        </td>
        <td className="py-2 pr-2 text-sm">{groupNames.join(", ")}</td>
        <td className="py-2 text-sm whitespace-nowrap">
          <button
            type="button"
            disabled={busy}
            className="font-medium text-brand underline disabled:opacity-50"
            onClick={() =>
              void run(async () => {
                await apiCall("PATCH", `/api/roster/students/${student.id}`, editing);
                setEditing(null);
              })
            }
          >
            {t("save")}
          </button>{" "}
          <button type="button" className="ml-2 text-zinc-700 underline" onClick={() => setEditing(null)}>
            {t("cancel")}
          </button>
          {error && (
            <p role="alert" className="mt-1 text-red-700">
              {error}
            </p>
          )}
        </td>
      </tr>
    );
  return (
    <tr className="border-t border-zinc-200 align-top" data-testid="roster-row">
      <td className="py-2 pr-2 font-medium">{student.name}</td>
      <td className="py-2 pr-2 break-all">{student.email}</td>
      <td className="py-2 pr-2">{student.language ? LANGUAGE_NAMES[student.language] : t("auto")}</td>
      <td className="py-2 pr-2">{student.note}</td>
      <td className="py-2 pr-2 text-sm">{groupNames.join(", ")}</td>
      <td className="py-2 text-sm whitespace-nowrap">
        <button
          type="button"
          aria-label={t("editLabel", { name: who })}
          className="text-brand underline"
          onClick={() => setEditing(draftOf(student))}
        >
          {t("edit")}
        </button>
        <button
          type="button"
          disabled={busy}
          aria-label={t("removeLabel", { name: who })}
          className="ml-3 text-red-700 underline disabled:opacity-50"
          onClick={() => {
            if (confirm(t("removeConfirm", { name: who }))) void run(() => apiCall("DELETE", `/api/roster/students/${student.id}`));
          }}
        >
          {t("remove")}
        </button>
        {error && (
          <p role="alert" className="mt-1 text-red-700">
            {error}
          </p>
        )}
      </td>
    </tr>
  );
}

/** Case- and accent-insensitive: "elodie" finds "Élodie". */
const fold = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();

export function StudentTable({ students, groups }: { students: RosterEntry[]; groups: GroupName[] }) {
  const t = useTranslations("roster");
  const [q, setQ] = useState("");
  const needle = fold(q.trim());
  const shown = needle ? students.filter((s) => [s.name, s.email, s.note].some((v) => v && fold(v).includes(needle))) : students;
  return (
    <>
      <label className="mt-4 block max-w-md text-sm font-medium">
        {t("search")}
        <input className={fieldClass} type="search" placeholder={t("searchPlaceholder")} value={q} onChange={(e) => setQ(e.target.value)} />
      </label>
      <p className="mt-2 text-sm text-zinc-600" role="status">
        {t("count", { count: shown.length })}
      </p>
      {students.length === 0 ? (
        <p className="mt-3 text-zinc-700">{t("empty")}</p>
      ) : shown.length === 0 ? (
        <p className="mt-3 text-zinc-700">{t("noMatch", { q })}</p>
      ) : (
        <div className="mt-2 overflow-x-auto">
          <table className="w-full text-left text-sm" aria-label={t("title")}>
            <thead>
              <tr className="text-zinc-600">
                <th className="py-2 pr-2 font-medium">{t("name")}</th>
                <th className="py-2 pr-2 font-medium">{t("email")}</th>
                <th className="py-2 pr-2 font-medium">{t("language")}</th>
                <th className="py-2 pr-2 font-medium">{t("note")}</th>
                <th className="py-2 pr-2 font-medium">{t("colGroups")}</th>
                <th className="py-2 font-medium">{t("colActions")}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((s) => (
                <StudentRow key={s.id} student={s} groups={groups} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
