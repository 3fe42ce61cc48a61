import { cookies } from "next/headers";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { SiteHeader } from "@/components/site-header";
import { SecondFactorForm } from "@/components/sign-in-forms";
import { getConfig } from "@/lib/config";
import { readTicket, SECOND_FACTOR_COOKIE } from "@/lib/auth/sign-in-ticket";

export async function generateMetadata() {
  return { title: (await getTranslations("signIn"))("twoFactorTitle") };
}

// Step 2 of a password sign-in for accounts with a second factor. Only reachable with the
// signed "code still owed" cookie the password step sets; it is not a session.
export default async function TwoFactorPage() {
  const pending = readTicket(getConfig().authSecret, (await cookies()).get(SECOND_FACTOR_COOKIE)?.value, "second-factor");
  if (!pending) redirect("/signin?error=TwoFactorExpired");
  const t = await getTranslations("signIn");
  return (
    <>
      <SiteHeader />
      <main className="mx-auto max-w-md px-4 py-10">
        <section className="rounded-xl border border-zinc-200 bg-white p-5">
          <h1 className="text-xl font-bold">{t("twoFactorHeading")}</h1>
          <p className="mt-1 text-sm text-zinc-600">{t("twoFactorHelp")}</p>
          <SecondFactorForm />
        </section>
      </main>
    </>
  );
}
