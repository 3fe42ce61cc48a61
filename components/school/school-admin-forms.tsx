"use client";
// The school admin's tools: the school's trainers (invite, deactivate, admin rights)
// and its rules. Each calls one API route and refreshes the page's server data.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { LANGUAGE_NAMES, LOCALES, type Locale } from "@/lib/i18n/locales";
import { Feedback, useApiAction } from "../api-action";
import { apiCall } from "../api-client";
import { fieldClass } from "../uploader/field";

const primary = "rounded-lg bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark disabled:opacity-50";

/** A labelled text, email or number field: the one shape every field of these forms has. */
function Field({
  label,
  value,
  onChange,
  type = "text",
  min,
  max,
}: {
  label: string;
  value: string | number;
  onChange: (value: string) => void;
  type?: "text" | "email" | "number";
  min?: number;
  max?: number;
}) {
  return (
    <label className="block text-sm font-medium">
      {label}
      <input
        className={fieldClass}
        type={type}
        value={value}
        required
        min={min}
        max={max}
        maxLength={type === "number" ? undefined : 120}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}

function LanguageField({ label, value, onChange }: { label: string; value: Locale; onChange: (value: Locale) => void }) {
  return (
    <label className="block text-sm font-medium">
      {label}
      <select className={fieldClass} value={value} onChange={(e) => onChange(e.target.value as Locale)}>
        {LOCALES.map((l) => (
          <option key={l} value={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}

/** What an admin hands over once: the sentence, then the one-time password. */
function OneTimePassword({ sentence, password }: { sentence: string; password: string }) {
  return (
    <p role="status" className="rounded-lg bg-green-50 p-3 text-sm text-green-900 sm:col-span-2">
      {sentence} <code data-testid="one-time-password">{password}</code>
    </p>
  );
}

export interface SchoolTrainerRow {
  id: string;
  email: string;
  name: string | null;
  schoolAdmin: boolean;
  deactivated: boolean;
}

export function SchoolTrainers({ trainers, me }: { trainers: SchoolTrainerRow[]; me: string }) {
  const t = useTranslations("schoolAdmin");
  return (
    <ul className="divide-y divide-zinc-100 rounded-xl border border-zinc-200 bg-white">
      {trainers.map((tr) => (
        <TrainerRow key={tr.id} trainer={tr} self={tr.id === me} t={t} />
      ))}
    </ul>
  );
}

function TrainerRow({ trainer, self, t }: { trainer: SchoolTrainerRow; self: boolean; t: ReturnType<typeof useTranslations> }) {
  const { busy, error, run } = useApiAction();
  const who = trainer.name ?? trainer.email;
  const change = (body: { active?: boolean; schoolAdmin?: boolean }) =>
    run(() => apiCall("PATCH", `/api/school/trainers/${trainer.id}`, body));
  return (
    <li
      className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm"
      data-testid="school-trainer"
      data-email={trainer.email}
    >
      <span>
        <span className="font-medium">{who}</span> <span className="text-zinc-600">{trainer.email}</span>
        {trainer.schoolAdmin && <span className="ml-2 rounded bg-zinc-100 px-1.5 py-0.5 text-xs">{t("adminBadge")}</span>}
        {trainer.deactivated && <span className="ml-2 rounded bg-red-50 px-1.5 py-0.5 text-xs text-red-800">{t("deactivatedBadge")}</span>}
      </span>
      {!self && (
        <span className="flex flex-wrap items-center gap-3">
          <button
            type="button"
            disabled={busy}
            className="underline disabled:opacity-50"
            aria-label={t(trainer.deactivated ? "reactivateLabel" : "deactivateLabel", { who })}
            onClick={() => {
              if (trainer.deactivated || confirm(t("deactivateQuestion", { who }))) void change({ active: trainer.deactivated });
            }}
          >
            {trainer.deactivated ? t("reactivate") : t("deactivate")}
          </button>
          <button
            type="button"
            disabled={busy}
            className="underline disabled:opacity-50"
            onClick={() => void change({ schoolAdmin: !trainer.schoolAdmin })}
          >
            {trainer.schoolAdmin ? t("removeAdmin") : t("makeAdmin")}
          </button>
          {error && (
            <span role="alert" className="text-red-700">
              {error}
            </span>
          )}
        </span>
      )}
    </li>
  );
}

/** A new trainer of the school; the one-time password is shown once, to hand over. */
export function InviteTrainerForm() {
  const t = useTranslations("schoolAdmin");
  const { busy, error, run } = useApiAction();
  const [form, setForm] = useState({ name: "", email: "", schoolAdmin: false });
  const [invited, setInvited] = useState<{ email: string; password: string } | null>(null);
  return (
    <form
      aria-label={t("inviteTitle")}
      className="grid gap-3 rounded-xl border border-zinc-200 bg-white p-3 sm:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        void run(async () => {
          setInvited(null);
          const made = await apiCall<{ email: string; password: string }>("POST", "/api/school/trainers", form);
          setInvited(made);
          setForm({ name: "", email: "", schoolAdmin: false });
        });
      }}
    >
      <Field label={t("name")} value={form.name} onChange={(name) => setForm({ ...form, name })} />
      <Field label={t("email")} type="email" value={form.email} onChange={(email) => setForm({ ...form, email })} />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={form.schoolAdmin} onChange={(e) => setForm({ ...form, schoolAdmin: e.target.checked })} />
        {t("inviteAsAdmin")}
      </label>
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
        <button type="submit" disabled={busy} className={primary}>
          {t("invite")}
        </button>
        <Feedback done={null} problem={error} />
      </div>
      {invited && <OneTimePassword sentence={t("invited", { email: invited.email })} password={invited.password} />}
    </form>
  );
}

export interface SchoolRules {
  defaultLanguage: Locale;
  retentionDays: number;
  shareExpiryDays: number;
}

/** How long videos are kept and links last, and the language a student gets when nothing else says. */
export function SchoolRulesForm({ rules, maxRetentionDays }: { rules: SchoolRules; maxRetentionDays: number }) {
  const t = useTranslations("schoolAdmin");
  const { busy, error, run } = useApiAction();
  const [form, setForm] = useState(rules);
  const [saved, setSaved] = useState(false);
  return (
    <form
      aria-label={t("rulesTitle")}
      className="grid gap-3 rounded-xl border border-zinc-200 bg-white p-3 sm:grid-cols-3"
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        void run(async () => {
          await apiCall("PUT", "/api/school/settings", form);
          setSaved(true);
        });
      }}
    >
      <LanguageField
        label={t("defaultLanguage")}
        value={form.defaultLanguage}
        onChange={(defaultLanguage) => setForm({ ...form, defaultLanguage })}
      />
      <Field
        label={t("retentionDays", { max: maxRetentionDays })}
        type="number"
        min={1}
        max={maxRetentionDays}
        value={form.retentionDays}
        onChange={(v) => setForm({ ...form, retentionDays: Number(v) })}
      />
      <Field
        label={t("shareExpiryDays")}
        type="number"
        min={1}
        max={30}
        value={form.shareExpiryDays}
        onChange={(v) => setForm({ ...form, shareExpiryDays: Number(v) })}
      />
      <div className="flex flex-wrap items-center gap-3 sm:col-span-3">
        <button type="submit" disabled={busy} className={primary}>
          {t("save")}
        </button>
        <Feedback done={saved ? t("saved") : null} problem={error} />
      </div>
    </form>
  );
}

/** The platform admin's form: a new school and its first admin, whose one-time password is shown once. */
export function NewSchoolForm() {
  const t = useTranslations("schoolAdmin");
  const { busy, error, run } = useApiAction();
  const [form, setForm] = useState({ name: "", defaultLanguage: "nl" as Locale, adminName: "", adminEmail: "" });
  const [made, setMade] = useState<{ school: { name: string }; admin: { email: string; password: string } } | null>(null);
  return (
    <form
      aria-label={t("newSchoolTitle")}
      className="grid gap-3 rounded-xl border border-zinc-200 bg-white p-3 sm:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        void run(async () => {
          setMade(null);
          setMade(
            await apiCall("POST", "/api/admin/schools", {
              name: form.name,
              defaultLanguage: form.defaultLanguage,
              admin: { name: form.adminName, email: form.adminEmail },
            }),
          );
        });
      }}
    >
      <Field label={t("schoolName")} value={form.name} onChange={(name) => setForm({ ...form, name })} />
      <LanguageField
        label={t("defaultLanguage")}
        value={form.defaultLanguage}
        onChange={(defaultLanguage) => setForm({ ...form, defaultLanguage })}
      />
      <Field label={t("adminName")} value={form.adminName} onChange={(adminName) => setForm({ ...form, adminName })} />
      <Field label={t("adminEmail")} type="email" value={form.adminEmail} onChange={(adminEmail) => setForm({ ...form, adminEmail })} />
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
        <button type="submit" disabled={busy} className={primary}>
          {t("createSchool")}
        </button>
        <Feedback done={null} problem={error} />
      </div>
      {made && (
        <OneTimePassword
          sentence={t("schoolCreated", { school: made.school.name, email: made.admin.email })}
          password={made.admin.password}
        />
      )}
    </form>
  );
}
