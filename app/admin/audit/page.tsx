import { getTranslations } from "next-intl/server";
import { getDb } from "@/lib/database";
import { AuditTable } from "@/components/audit-table";
import { SiteHeader } from "@/components/site-header";
import { requireAdmin } from "@/lib/auth/session";
import { recentAudit } from "@/lib/audit";

export async function generateMetadata() {
  return { title: (await getTranslations("audit"))("title") };
}

export default async function AuditPage() {
  await requireAdmin();
  const entries = await recentAudit(await getDb());
  const t = await getTranslations("audit");
  return (
    <>
      <SiteHeader />
      <main className="mx-auto max-w-5xl px-4 py-8">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <AuditTable entries={entries} />
      </main>
    </>
  );
}
