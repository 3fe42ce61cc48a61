// Languages: the catalogues, who reads which language, and a translator for code outside
// React (emails). Pages and components use next-intl (i18n/request.ts resolves the locale).
import { createTranslator } from "use-intl/core";
import type { Locale } from "./locales";
import { MESSAGES } from "./messages";

export * from "./locales";
export * from "./schema";
export * from "./resolve";
export { MESSAGES, type Messages } from "./messages";

/** t() for one language, outside React (email templates, server messages). */
export function translator(locale: Locale) {
  return createTranslator({ locale, messages: MESSAGES[locale] });
}
