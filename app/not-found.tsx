import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("errors");
  return (
    <main className="mx-auto max-w-md px-4 py-16 text-center">
      <h1 className="text-2xl font-bold">{t("notFoundTitle")}</h1>
      <p className="mt-2 text-zinc-700">{t("notFoundText")}</p>
      <Link href="/" className="mt-6 inline-block text-brand underline">
        {t("toStart")}
      </Link>
    </main>
  );
}
