"use client";
// A moment shown in the viewer's own time zone. The server does not know that zone, so
// it renders UTC (said so); the browser then re-renders in its zone. useSyncExternalStore
// keeps the first client render equal to the server's (no hydration mismatch). The words
// and order follow the reader's language (the nearest next-intl provider's locale).
import { useLocale } from "next-intl";
import { useSyncExternalStore } from "react";
import { formatInstant, type InstantStyle } from "@/lib/i18n/locales";

const subscribe = () => () => {};

export function LocalTime({ at, style = "datetime" }: { at: Date | string; style?: InstantStyle }) {
  const locale = useLocale();
  const inBrowser = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  const d = new Date(at);
  return <time dateTime={d.toISOString()}>{formatInstant(d, style, inBrowser ? undefined : "UTC", locale)}</time>;
}
