"use client";
// The last resort, when even the root layout fails. It replaces the whole document,
// so it cannot rely on globals.css (the few styles it needs are inline), nor on the
// language provider: it speaks the language of the page that was showing, else the
// browser's, else English.
import { useEffect, useSyncExternalStore } from "react";
import { DEFAULT_LOCALE, isLocale, negotiateLocale, type Locale } from "@/lib/i18n/locales";
// Every page loads this code: the small "systemPages" messages, not the whole catalogues.
import { SYSTEM_MESSAGES } from "@/lib/i18n/system-pages";

/**
 * Read when this code loads, before any error: the root layout's <html lang> is the reader's
 * language as the server resolved it (their choice, the menu's cookie, the browser's). When this
 * page itself was what the server sent, its lang says nothing: the browser's languages decide.
 */
const pageLang =
  typeof document === "undefined" || document.documentElement.hasAttribute("data-global-error") ? null : document.documentElement.lang;

function readerLocale(): Locale {
  if (isLocale(pageLang)) return pageLang;
  return negotiateLocale(navigator.languages.join(",")) ?? DEFAULT_LOCALE;
}

const noSubscription = () => () => {};

export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => console.error(error), [error]);
  // The server cannot know the page that was showing: it renders English, and the browser switches once it runs.
  const locale = useSyncExternalStore(noSubscription, readerLocale, () => DEFAULT_LOCALE);
  const t = SYSTEM_MESSAGES[locale];
  return (
    <html lang={locale} data-global-error="">
      <body style={{ fontFamily: "system-ui, sans-serif", margin: 0, padding: "4rem 1rem", textAlign: "center", color: "#18181b" }}>
        <title>{`${t.failedTitle} · ApexShare`}</title>
        <h1 style={{ fontSize: "1.5rem" }}>{t.failedTitle}</h1>
        <p style={{ color: "#3f3f46" }}>{t.failedText}</p>
        <button
          type="button"
          onClick={() => retry()}
          style={{
            marginTop: "1.5rem",
            padding: "0.6rem 1.25rem",
            border: 0,
            borderRadius: "0.5rem",
            background: "#c2410c",
            color: "#fff",
            fontWeight: 600,
            cursor: "pointer",
          }}
        >
          {t.retry}
        </button>
      </body>
    </html>
  );
}
