import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SiteHeader } from "@/components/site-header";

export default async function LandingPage() {
  const t = await getTranslations("landing");
  return (
    <>
      <SiteHeader />
      <main className="mx-auto max-w-3xl px-4 py-12">
        <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">{t("title")}</h1>
        <p className="mt-4 text-lg text-zinc-700">{t("intro")}</p>
        <ul className="mt-6 list-disc space-y-1 pl-6 text-zinc-700">
          <li>{t("pointUploads")}</li>
          <li>{t("pointStudents")}</li>
          <li>{t("pointLinks")}</li>
        </ul>
        <div className="mt-8 flex gap-3">
          <Link href="/signin" className="rounded-lg bg-brand px-5 py-3 font-semibold text-white hover:bg-brand-dark">
            {t("signIn")}
          </Link>
        </div>
      </main>
    </>
  );
}
