// The message catalogues, one JSON file per language (ICU message syntax: plurals, selects,
// dates and numbers are formatted by use-intl in the reader's language).
import en from "./messages/en.json";
import fr from "./messages/fr.json";
import nl from "./messages/nl.json";
import type { Locale } from "./locales";

export type Messages = typeof en;

export const MESSAGES: Record<Locale, Messages> = { en, nl, fr };
