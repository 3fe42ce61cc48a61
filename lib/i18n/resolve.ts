// Which language a reader gets, in one place. A student: the language their trainer
// chose for them (on the share), else their browser's, else the school's, else English.
// Emails have no browser to ask: the share's language, else the school's, else English.
import { DEFAULT_LOCALE, isLocale, negotiateLocale, type Locale } from "./locales";

/**
 * The school's default language. Schools (issue 15) do not exist yet: when they do, this is
 * the one place their default plugs in (and every student fallback below follows it).
 */
export function schoolLocale(): Locale | null {
  return null;
}

/** A student's page: their share's language, else their browser's, else the school's, else English. */
export function studentPageLocale(shareLanguage: string | null | undefined, acceptLanguage: string | null | undefined): Locale {
  if (isLocale(shareLanguage)) return shareLanguage;
  return negotiateLocale(acceptLanguage) ?? schoolLocale() ?? DEFAULT_LOCALE;
}

/** An email to a student or trainer: their stored language, else the school's, else English. */
export function emailLocale(stored: string | null | undefined): Locale {
  return isLocale(stored) ? stored : (schoolLocale() ?? DEFAULT_LOCALE);
}

/** The app's own pages: the reader's stored choice, else the menu's cookie, else the browser's, else the school's, else English. */
export function uiLocale(opts: { stored?: string | null; cookie?: string | null; acceptLanguage?: string | null }): Locale {
  if (isLocale(opts.stored)) return opts.stored;
  if (isLocale(opts.cookie)) return opts.cookie;
  return negotiateLocale(opts.acceptLanguage) ?? schoolLocale() ?? DEFAULT_LOCALE;
}
