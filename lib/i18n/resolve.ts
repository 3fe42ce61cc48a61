// Which language a reader gets, in one place. A student: the language their trainer
// chose for them (on the share), else their browser's, else the school's, else English.
// Emails have no browser to ask: the share's language, else the school's, else English.
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, negotiateLocale, type Locale } from "./locales";

/** The school's default language (schools.defaultLanguage), when it is one we speak. */
export function schoolLocale(defaultLanguage: string | null | undefined): Locale | null {
  return isLocale(defaultLanguage) ? defaultLanguage : null;
}

/** A student's page: their share's language, else their browser's, else the school's, else English. */
export function studentPageLocale(
  shareLanguage: string | null | undefined,
  acceptLanguage: string | null | undefined,
  schoolLanguage?: string | null,
): Locale {
  if (isLocale(shareLanguage)) return shareLanguage;
  return negotiateLocale(acceptLanguage) ?? schoolLocale(schoolLanguage) ?? DEFAULT_LOCALE;
}

/** An email to a student or trainer: their stored language, else the school's, else English. */
export function emailLocale(stored: string | null | undefined, schoolLanguage?: string | null): Locale {
  return isLocale(stored) ? stored : (schoolLocale(schoolLanguage) ?? DEFAULT_LOCALE);
}

/** The app's own pages: the reader's stored choice, else the menu's cookie, else the browser's, else the school's, else English. */
export function uiLocale(opts: {
  stored?: string | null;
  cookie?: string | null;
  acceptLanguage?: string | null;
  schoolLanguage?: string | null;
}): Locale {
  if (isLocale(opts.stored)) return opts.stored;
  if (isLocale(opts.cookie)) return opts.cookie;
  return negotiateLocale(opts.acceptLanguage) ?? schoolLocale(opts.schoolLanguage) ?? DEFAULT_LOCALE;
}

/**
 * A page answered before the app and its database are reached (the proxy's waking and 429 pages):
 * the menu's cookie, else the browser's Accept-Language, else English. No stored choice: no database.
 */
export function requestLocale(headers: Headers): Locale {
  const cookie = headers
    .get("cookie")
    ?.split(";")
    .map((c) => c.trim().split("="))
    .find(([name]) => name === LOCALE_COOKIE)?.[1];
  return uiLocale({ cookie, acceptLanguage: headers.get("accept-language") });
}
