import { getTranslations } from "next-intl/server";
import { SiteHeader } from "@/components/site-header";
import { MagicLinkForm, PasswordForm } from "@/components/sign-in-forms";

export async function generateMetadata() {
  return { title: (await getTranslations("signIn"))("title") };
}

const ERRORS = ["Verification", "CredentialsSignin", "AccessDenied", "TwoFactor", "TwoFactorExpired"] as const;
const known = (e: string): e is (typeof ERRORS)[number] => (ERRORS as readonly string[]).includes(e);

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  const t = await getTranslations("signIn");
  const message = error ? t(`errors.${known(error) ? error : "other"}`) : undefined;
  return (
    <>
      <SiteHeader />
      <main className="mx-auto grid max-w-3xl gap-8 px-4 py-10 md:grid-cols-2">
        {message && (
          <p role="alert" className="rounded-lg border border-red-200 bg-red-50 p-3 text-red-800 md:col-span-2">
            {message}
          </p>
        )}
        <section className="rounded-xl border border-zinc-200 bg-white p-5">
          <h1 className="text-xl font-bold">{t("trainers")}</h1>
          <p className="mt-1 text-sm text-zinc-600">{t("trainersHelp")}</p>
          <PasswordForm />
        </section>
        <section className="rounded-xl border border-zinc-200 bg-white p-5">
          <h2 className="text-xl font-bold">{t("students")}</h2>
          <p className="mt-1 text-sm text-zinc-600">{t("studentsHelp")}</p>
          <MagicLinkForm />
        </section>
      </main>
    </>
  );
}
