// The languages ApexShare speaks and how a browser's Accept-Language picks one.
// Browser-safe and light (no zod: every page's client code imports this): the language menus, dates, the upload form.
export const LOCALES = ["en", "nl", "fr"] as const;
export type Locale = (typeof LOCALES)[number];

/** The last resort, and what the demo trainer and the tests see. */
export const DEFAULT_LOCALE: Locale = "en";

/** Set when someone picks a language from a menu (signed in or not); wins over Accept-Language. */
export const LOCALE_COOKIE = "apex-locale";

/** Each language in its own words: that is how a reader finds theirs in a menu. */
export const LANGUAGE_NAMES: Record<Locale, string> = { en: "English", nl: "Nederlands", fr: "Français" };

/** Dates and numbers in each language's regional form: our readers are Belgian, and English reads day-month-year (British). */
export const INTL_LOCALE: Record<Locale, string> = { en: "en-GB", nl: "nl-BE", fr: "fr-BE" };

/** A calendar day ("2026-05-31") in words: "31 May 2026", "31 mei 2026", "31 mai 2026". Noon UTC keeps it on its day everywhere. */
export function formatDay(locale: string, isoDay: string, month: "long" | "short" = "long"): string {
  const intl = isLocale(locale) ? INTL_LOCALE[locale] : locale;
  return new Intl.DateTimeFormat(intl, { day: "numeric", month, year: "numeric", timeZone: "UTC" }).format(new Date(`${isoDay}T12:00:00Z`));
}

export type InstantStyle = "datetime" | "date" | "time";

const INSTANT_OPTIONS: Record<InstantStyle, Intl.DateTimeFormatOptions> = {
  datetime: { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short" },
  date: { day: "numeric", month: "long", year: "numeric" },
  time: { hour: "2-digit", minute: "2-digit", timeZoneName: "short" },
};

/** A moment in `timeZone` (the viewer's when undefined), in `locale`'s words (<LocalTime>, the link page's module). */
export function formatInstant(at: Date, style: InstantStyle, timeZone?: string, locale = "en"): string {
  return new Intl.DateTimeFormat(isLocale(locale) ? INTL_LOCALE[locale] : locale, { ...INSTANT_OPTIONS[style], timeZone }).format(at);
}

export const isLocale = (v: unknown): v is Locale => typeof v === "string" && (LOCALES as readonly string[]).includes(v);

/** The first of our languages the browser asks for, by its q-values ("nl-BE,nl;q=0.9,en;q=0.8" → nl); null when none. */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale | null {
  if (!acceptLanguage) return null;
  const asked = acceptLanguage
    .split(",")
    .map((part, order) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { lang: tag.trim().toLowerCase().split("-")[0], q: q ? Number(q.slice(2)) : 1, order };
    })
    .filter((a) => a.lang && Number.isFinite(a.q) && a.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  return asked.map((a) => a.lang).find(isLocale) ?? null;
}
