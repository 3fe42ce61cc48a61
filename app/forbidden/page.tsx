import Link from "next/link";
import { getTranslations } from "next-intl/server";

export async function generateMetadata() {
  return { title: (await getTranslations("errors"))("forbiddenMeta") };
}

export default async function ForbiddenPage() {
  const t = await getTranslations("errors");
  return (
    <main className="mx-auto max-w-md px-4 py-16 text-center">
      <h1 className="text-2xl font-bold">{t("forbiddenTitle")}</h1>
      <p className="mt-2 text-zinc-700">{t("forbiddenText")}</p>
      <Link href="/student" className="mt-6 inline-block text-brand underline">
        {t("toYourVideos")}
      </Link>
    </main>
  );
}
