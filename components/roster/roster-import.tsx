"use client";
// The CSV import: pick a file, see what each row would do (a bad row shows why),
// then import the good rows in one go.
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { apiCall } from "@/components/api-client";
import { LANGUAGE_NAMES } from "@/lib/i18n/locales";
import type { ImportReport, ImportRow } from "@/lib/roster/import";
import { IMPORT_MAX_BYTES } from "@/lib/roster/rules";

/** The file's text: UTF-8 (a BOM is dropped), or Windows-1252 when it is not UTF-8 (an older Excel's "CSV"). */
async function readCsv(file: File): Promise<string> {
  const bytes = await file.arrayBuffer();
  const utf8 = new TextDecoder("utf-8").decode(bytes);
  return utf8.includes("\uFFFD") ? new TextDecoder("windows-1252").decode(bytes) : utf8;
}

const OUTCOME_STYLE: Record<ImportRow["outcome"], string> = {
  new: "bg-green-100 text-green-900",
  update: "bg-sky-100 text-sky-900",
  unchanged: "bg-zinc-100 text-zinc-700",
  error: "bg-red-100 text-red-900",
};

export function RosterImport() {
  const t = useTranslations("roster");
  const router = useRouter();
  const [csv, setCsv] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportReport | null>(null);
  const [done, setDone] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async <T,>(fn: () => Promise<T>): Promise<T | null> => {
    setBusy(true);
    setError(null);
    try {
      return await fn();
    } catch (e) {
      setError((e as Error).message);
      return null;
    } finally {
      setBusy(false);
    }
  };

  async function pick(file: File | undefined) {
    setPreview(null);
    setDone(null);
    setCsv(null);
    setError(null);
    if (!file) return;
    if (file.size > IMPORT_MAX_BYTES) return setError(t("tooBig"));
    setCsv(await readCsv(file));
  }

  const rowError = (row: ImportRow) => {
    const e = row.error;
    if (!e) return null;
    if (e.code === "badEmail" || e.code === "language") return t(`rowError.${e.code}`, { value: e.value ?? "" });
    if (e.code === "duplicate") return t("rowError.duplicate", { line: e.duplicateOf ?? 0 });
    if (e.code === "tooLong") return t("rowError.tooLong", { field: e.field ?? "other" });
    return t(`rowError.${e.code}`);
  };
  const toImport = preview ? preview.counts.new + preview.counts.update : 0;

  return (
    <div>
      <p className="mt-1 text-sm text-zinc-700">{t("importHelp")}</p>
      <div className="mt-3 flex flex-wrap items-end gap-3">
        <label className="block text-sm font-medium">
          {t("file")}
          <input
            className="mt-1 block text-sm"
            type="file"
            accept=".csv,.txt,text/csv,text/plain"
            onChange={(e) => void pick(e.target.files?.[0])}
          />
        </label>
        <button
          type="button"
          disabled={!csv || busy}
          className="rounded-lg border border-brand px-4 py-2 font-semibold text-brand disabled:opacity-50"
          onClick={() =>
            void send(() => apiCall<ImportReport>("POST", "/api/roster/import/preview", { csv })).then((r) => r && setPreview(r))
          }
        >
          {t("check")}
        </button>
      </div>
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      )}
      {done && (
        <p role="status" className="mt-3 rounded-lg bg-green-50 p-3 text-sm text-green-900" data-testid="import-done">
          {t("imported", { count: done.counts.new + done.counts.update, error: done.counts.error })}
        </p>
      )}
      {preview && (
        <section className="mt-4" aria-label={t("previewHeading")}>
          <h3 className="font-semibold">{t("previewHeading")}</h3>
          <p className="mt-1 text-sm text-zinc-700" data-testid="import-summary">
            {t("summary", preview.counts)}
          </p>
          <div className="mt-2 max-h-96 overflow-auto">
            <table className="w-full text-left text-sm" data-testid="import-preview">
              <thead className="sticky top-0 bg-white">
                <tr className="text-zinc-600">
                  <th className="py-1 pr-2 font-medium">{t("colLine")}</th>
                  <th className="py-1 pr-2 font-medium">{t("email")}</th>
                  <th className="py-1 pr-2 font-medium">{t("name")}</th>
                  <th className="py-1 pr-2 font-medium">{t("language")}</th>
                  <th className="py-1 pr-2 font-medium">{t("note")}</th>
                  <th className="py-1 pr-2 font-medium">{t("colGroups")}</th>
                  <th className="py-1 font-medium">{t("colResult")}</th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((row) => (
                  <tr key={row.line} className="border-t border-zinc-200 align-top" data-testid="import-row" data-outcome={row.outcome}>
                    <td className="py-1 pr-2 tabular-nums">{row.line}</td>
                    <td className="py-1 pr-2 break-all">{row.email}</td>
                    <td className="py-1 pr-2">{row.name}</td>
                    <td className="py-1 pr-2">{row.language ? LANGUAGE_NAMES[row.language] : ""}</td>
                    <td className="py-1 pr-2">{row.note}</td>
                    <td className="py-1 pr-2">{row.groups.join(", ")}</td>
                    <td className="py-1">
                      <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${OUTCOME_STYLE[row.outcome]}`}>
                        {t(`outcome.${row.outcome}`)}
                      </span>
                      {row.error && <p className="mt-1 text-red-800">{rowError(row)}</p>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {toImport > 0 ? (
            <button
              type="button"
              disabled={busy}
              className="mt-3 rounded-lg bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark disabled:opacity-50"
              onClick={() =>
                void send(() => apiCall<ImportReport>("POST", "/api/roster/import", { csv })).then((r) => {
                  if (!r) return;
                  setDone(r);
                  setPreview(null);
                  router.refresh();
                })
              }
            >
              {t("importSubmit", { count: toImport })}
            </button>
          ) : (
            <p className="mt-3 text-sm text-zinc-700">{t("nothingToImport")}</p>
          )}
        </section>
      )}
    </div>
  );
}
