// The message catalogues, one JSON file per language (ICU message syntax: plurals, selects,
// dates and numbers are formatted by use-intl in the reader's language). The "systemPages"
// namespace has its own small files (system-pages.ts says why); it is part of every catalogue.
import en from "./messages/en.json";
import fr from "./messages/fr.json";
import nl from "./messages/nl.json";
import type { Locale } from "./locales";
import { SYSTEM_MESSAGES, type SystemMessages } from "./system-pages";

export type Messages = typeof en & { systemPages: SystemMessages };

export const MESSAGES: Record<Locale, Messages> = {
  en: { ...en, systemPages: SYSTEM_MESSAGES.en },
  nl: { ...nl, systemPages: SYSTEM_MESSAGES.nl },
  fr: { ...fr, systemPages: SYSTEM_MESSAGES.fr },
};
