// Typed keys: t("…") with a key missing from the English catalogue fails the type check.
import type { Locale, Messages } from "@/lib/i18n";

declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
