"use client";
// The header's language menu: the choice applies at once (the page re-renders on the server in it).
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useTransition } from "react";
import { chooseLanguage } from "@/lib/auth/language";
import { LANGUAGE_NAMES, LOCALES } from "@/lib/i18n/locales";

export function LanguageMenu() {
  const t = useTranslations("language");
  const locale = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <label className="flex items-center gap-1 text-zinc-700">
      <span className="sr-only">{t("label")}</span>
      <select
        data-testid="language-menu"
        value={locale}
        disabled={pending}
        title={t("choose")}
        onChange={(e) => {
          const next = e.target.value;
          startTransition(async () => {
            await chooseLanguage(next);
            router.refresh();
          });
        }}
        className="rounded border border-zinc-300 bg-white px-1 py-0.5 text-sm"
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
