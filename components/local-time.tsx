"use client";
// A moment shown in the viewer's own time zone. The server does not know that zone, so
// it renders UTC (said so); the browser then re-renders in its zone. useSyncExternalStore
// keeps the first client render equal to the server's (no hydration mismatch). The words
// and order follow the reader's language (the nearest next-intl provider's locale).
import { useLocale } from "next-intl";
import { useSyncExternalStore } from "react";
import { INTL_LOCALE, isLocale } from "@/lib/i18n/locales";

type Style = "datetime" | "date" | "time";

const OPTIONS: Record<Style, Intl.DateTimeFormatOptions> = {
  datetime: { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short" },
  date: { day: "numeric", month: "long", year: "numeric" },
  time: { hour: "2-digit", minute: "2-digit", timeZoneName: "short" },
};

const subscribe = () => () => {};

/** `at` formatted in `timeZone` (the viewer's when undefined), in `locale`'s words. */
export function formatMoment(at: Date, style: Style, timeZone?: string, locale = "en"): string {
  return new Intl.DateTimeFormat(isLocale(locale) ? INTL_LOCALE[locale] : locale, { ...OPTIONS[style], timeZone }).format(at);
}

export function LocalTime({ at, style = "datetime" }: { at: Date | string; style?: Style }) {
  const locale = useLocale();
  const inBrowser = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  const d = new Date(at);
  return <time dateTime={d.toISOString()}>{formatMoment(d, style, inBrowser ? undefined : "UTC", locale)}</time>;
}
