// next-intl's request configuration (its default location): the language of the app's own
// pages, resolved per request without any locale in the URL. A signed-in reader's stored
// choice, else the menu's cookie, else (a student) the language their trainer chose for
// their latest session, else the browser's Accept-Language, else the school's, else English
// (lib/i18n/resolve.ts). The /d/ link page, which speaks the student's language whatever the
// browser, is not a next-intl page: components/student-page renders it with translator(locale).
import { eq } from "drizzle-orm";
import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { schools, users } from "@/db/schema";
import { currentUser } from "@/lib/auth/session";
import { getDb } from "@/lib/database";
import { isLocale, LOCALE_COOKIE, MESSAGES, uiLocale } from "@/lib/i18n";
import { latestSchoolLanguage, latestShareLanguage } from "@/lib/shares";

/**
 * The signed-in reader's language, if they (or, for a student, their trainer) chose one, and their
 * school's default (a trainer's school; a student's latest session's); nulls when unknown or unreachable.
 */
async function storedLanguage(): Promise<{ stored: string | null; school: string | null }> {
  try {
    const user = await currentUser();
    if (!user) return { stored: null, school: null };
    const db = await getDb();
    const [row] = await db
      .select({ language: users.language, school: schools.defaultLanguage })
      .from(users)
      .leftJoin(schools, eq(schools.id, users.schoolId))
      .where(eq(users.id, user.id));
    if (user.role !== "student") return { stored: row?.language ?? null, school: row?.school ?? null };
    const stored = row?.language ?? (await latestShareLanguage(db, user.email));
    return { stored, school: stored ? null : await latestSchoolLanguage(db, user.email) };
  } catch {
    // The database is away: the page shows its error page, in the browser's language.
    return { stored: null, school: null };
  }
}

export default getRequestConfig(async ({ locale: asked }) => {
  const reader = isLocale(asked) ? null : await storedLanguage();
  const locale = isLocale(asked)
    ? asked
    : uiLocale({
        stored: reader?.stored,
        schoolLanguage: reader?.school,
        cookie: (await cookies()).get(LOCALE_COOKIE)?.value,
        acceptLanguage: (await headers()).get("accept-language"),
      });
  // The server renders moments in UTC (and says so); <LocalTime> re-renders them in the reader's zone.
  return { locale, messages: MESSAGES[locale], timeZone: "UTC" };
});
