import { getTranslations } from "next-intl/server";
import { SiteHeader } from "@/components/site-header";

export async function generateMetadata() {
  return { title: (await getTranslations("signIn"))("checkEmailTitle") };
}

export default async function CheckEmailPage() {
  const t = await getTranslations("signIn");
  return (
    <>
      <SiteHeader />
      <main className="mx-auto max-w-md px-4 py-16 text-center">
        <h1 className="text-2xl font-bold">{t("checkEmailTitle")}</h1>
        <p className="mt-2 text-zinc-700">{t("checkEmailText")}</p>
      </main>
    </>
  );
}
