"use client";
// Shown when a page fails to render: most often a backing service (the database) is
// briefly unreachable. The server's message is not shown (production hides it anyway).
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { SiteHeader } from "@/components/site-header";

export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useTranslations("errors");
  useEffect(() => console.error(error), [error]);
  return (
    <>
      <SiteHeader />
      <main className="mx-auto max-w-md px-4 py-16 text-center">
        <h1 className="text-2xl font-bold">{t("failedTitle")}</h1>
        <p className="mt-2 text-zinc-700">{t("failedText")}</p>
        <button
          type="button"
          onClick={() => retry()}
          className="mt-6 rounded-lg bg-brand px-5 py-2.5 font-semibold text-white hover:bg-brand-dark"
        >
          {t("retry")}
        </button>
      </main>
    </>
  );
}
