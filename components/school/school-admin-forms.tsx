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
      <label className="block text-sm font-medium">
        {t("name")}
        <input
          className={fieldClass}
          value={form.name}
          required
          maxLength={120}
          onChange={(e) => setForm({ ...form, name: e.target.value })}
        />
      </label>
      <label className="block text-sm font-medium">
        {t("email")}
        <input
          className={fieldClass}
          type="email"
          value={form.email}
          required
          onChange={(e) => setForm({ ...form, email: e.target.value })}
        />
      </label>
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
      {invited && (
        <p role="status" className="rounded-lg bg-green-50 p-3 text-sm text-green-900 sm:col-span-2">
          {t("invited", { email: invited.email })} <code data-testid="one-time-password">{invited.password}</code>
        </p>
      )}
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
      <label className="block text-sm font-medium">
        {t("defaultLanguage")}
        <select
          className={fieldClass}
          value={form.defaultLanguage}
          onChange={(e) => setForm({ ...form, defaultLanguage: e.target.value as Locale })}
        >
          {LOCALES.map((l) => (
            <option key={l} value={l}>
              {LANGUAGE_NAMES[l]}
            </option>
          ))}
        </select>
      </label>
      <label className="block text-sm font-medium">
        {t("retentionDays", { max: maxRetentionDays })}
        <input
          className={fieldClass}
          type="number"
          min={1}
          max={maxRetentionDays}
          value={form.retentionDays}
          onChange={(e) => setForm({ ...form, retentionDays: Number(e.target.value) })}
        />
      </label>
      <label className="block text-sm font-medium">
        {t("shareExpiryDays")}
        <input
          className={fieldClass}
          type="number"
          min={1}
          max={30}
          value={form.shareExpiryDays}
          onChange={(e) => setForm({ ...form, shareExpiryDays: Number(e.target.value) })}
        />
      </label>
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
      <label className="block text-sm font-medium">
        {t("schoolName")}
        <input
          className={fieldClass}
          value={form.name}
          required
          maxLength={120}
          onChange={(e) => setForm({ ...form, name: e.target.value })}
        />
      </label>
      <label className="block text-sm font-medium">
        {t("defaultLanguage")}
        <select
          className={fieldClass}
          value={form.defaultLanguage}
          onChange={(e) => setForm({ ...form, defaultLanguage: e.target.value as Locale })}
        >
          {LOCALES.map((l) => (
            <option key={l} value={l}>
              {LANGUAGE_NAMES[l]}
            </option>
          ))}
        </select>
      </label>
      <label className="block text-sm font-medium">
        {t("adminName")}
        <input
          className={fieldClass}
          value={form.adminName}
          required
          maxLength={120}
          onChange={(e) => setForm({ ...form, adminName: e.target.value })}
        />
      </label>
      <label className="block text-sm font-medium">
        {t("adminEmail")}
        <input
          className={fieldClass}
          type="email"
          value={form.adminEmail}
          required
          onChange={(e) => setForm({ ...form, adminEmail: e.target.value })}
        />
      </label>
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
        <button type="submit" disabled={busy} className={primary}>
          {t("createSchool")}
        </button>
        <Feedback done={null} problem={error} />
      </div>
      {made && (
        <p role="status" className="rounded-lg bg-green-50 p-3 text-sm text-green-900 sm:col-span-2">
          {t("schoolCreated", { school: made.school.name, email: made.admin.email })}{" "}
          <code data-testid="one-time-password">{made.admin.password}</code>
        </p>
      )}
    </form>
  );
}
