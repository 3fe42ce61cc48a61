// The pages served where the app's catalogues are not at hand: the last-resort error page
// (a client bundle every page loads) and the proxy's waking and 429 pages. Their few messages
// live in small files of their own, so those bundles carry a few hundred bytes per language
// instead of every catalogue; MESSAGES includes them as the "systemPages" namespace.
import { createTranslator } from "use-intl/core";
import type { Locale } from "./locales";
import en from "./messages/system/en.json";
import fr from "./messages/system/fr.json";
import nl from "./messages/system/nl.json";

export type SystemMessages = typeof en;

export const SYSTEM_MESSAGES: Record<Locale, SystemMessages> = { en, nl, fr };

/** t() for the system pages in one language (the keys are those of the "systemPages" namespace). */
export function systemPagesTranslator(locale: Locale) {
  return createTranslator({ locale, messages: { systemPages: SYSTEM_MESSAGES[locale] }, namespace: "systemPages" });
}
