"use server";
// The language menu's action: anyone's choice is kept in a cookie (the landing and sign-in
// pages follow it); a signed-in reader's is also stored on their account, so it follows
// them to other browsers and into their emails.
import { eq } from "drizzle-orm";
import { cookies } from "next/headers";
import { users } from "@/db/schema";
import { getDb } from "@/lib/database";
import { LOCALE_COOKIE, localeSchema } from "@/lib/i18n";
import { currentUser } from "./session";

export async function chooseLanguage(language: string): Promise<void> {
  const locale = localeSchema.parse(language);
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax", httpOnly: true });
  const user = await currentUser();
  if (user) await (await getDb()).update(users).set({ language: locale }).where(eq(users.id, user.id));
}
